/** The Export menu's commands, with their failures reported in the interface language. */
import { useCallback } from 'react';
import type { ExportKind } from '../actions/files';
import { exportBpmnFile } from '../bpmn/bpmnImport';
import { useLanguage, useT } from '../i18n';
import { selectHeatMap, useResultsStore } from '../store/results';
import { showNotice, useBlueprintStore } from '../store/blueprint';
import { downloadCanvas, downloadComparisonCsv, downloadStepsCsv, drawingTexts } from './exports';

/** Whether there is something to export: the canvas always, the tables once results exist. */
export function canExport(kind: ExportKind): boolean {
  return (
    kind === 'png' ||
    kind === 'svg' ||
    kind === 'bpmn' ||
    useResultsStore.getState().result !== null
  );
}

export function useExport(): (kind: ExportKind) => void {
  const t = useT();
  const language = useLanguage();
  return useCallback(
    (kind: ExportKind) => {
      const { document } = useBlueprintStore.getState();
      const { result } = useResultsStore.getState();
      if (kind === 'steps' || kind === 'scenarios') {
        if (!result) return;
        if (kind === 'steps') downloadStepsCsv(document, result, t);
        else downloadComparisonCsv(document, result, t);
        return;
      }
      if (kind === 'bpmn') {
        // The BPMN writer (bpmn-moddle) is loaded on first use.
        exportBpmnFile(document).catch((error: unknown) =>
          showNotice({
            key: 'shell.exportFailed',
            vars: { reason: error instanceof Error ? error.message : String(error) },
          }),
        );
        return;
      }
      // The tint the canvas shows: each node's share of the failures, when results are current.
      const shares = new Map<string, number>();
      for (const [id, heat] of selectHeatMap(useResultsStore.getState()))
        shares.set(id, heat.share);
      downloadCanvas(document, kind, drawingTexts(t, language), shares).then(
        (outcome) => {
          if (outcome === 'empty') showNotice({ key: 'shell.exportNothing' });
        },
        (error: unknown) =>
          showNotice({
            key: 'shell.exportFailed',
            vars: { reason: error instanceof Error ? error.message : String(error) },
          }),
      );
    },
    [t, language],
  );
}
