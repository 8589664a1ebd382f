/**
 * Export commands: the canvas as PNG or SVG, the per-step table and the scenario comparison as
 * CSV. CSV holds full-precision numbers (a spreadsheet formats them) and headers in the
 * interface language.
 */
import type { BlueprintDocument } from '../../sim/document';
import { drawBlueprint, type Drawing, type DrawingTexts } from '../../document/drawing';
import { toCsv, type CsvCell } from '../files/csv';
import { downloadBlob, downloadText, fileStem } from '../files/download';
import { pngBlob, svgBlob, type ImageFormat } from '../files/exportImage';
import type { Language, Translate } from '../i18n';
import type { ValidAnalysis } from '../store/results';

/** The CSV of the per-step table. */
export function stepsCsv(result: ValidAnalysis, t: Translate): string {
  const lanes = new Map(result.nodes.map((node) => [node.id, node.lane]));
  const rows: CsvCell[][] = [
    [
      t('files.csvId'),
      t('files.csvStep'),
      t('files.csvLane'),
      t('files.csvReliability'),
      t('files.csvCatch'),
      t('files.csvWithRecovery'),
      t('files.csvFailProbability'),
      t('files.csvShare'),
      t('files.csvImportance'),
      t('files.csvPotential'),
    ],
  ];
  for (const step of result.analysis.steps) {
    rows.push([
      step.id,
      step.label,
      lanes.get(step.id) ?? '',
      step.reliability,
      step.hasRecovery ? step.catchRate : null,
      step.reliabilityWithRecovery,
      step.failPointProbability,
      step.failShare,
      step.birnbaumImportance,
      step.improvementPotential,
    ]);
  }
  return toCsv(rows);
}

/** The CSV of the scenario comparison, baseline first. */
export function comparisonCsv(result: ValidAnalysis, t: Translate): string {
  const rows: CsvCell[][] = [
    [
      t('files.csvId'),
      t('files.csvScenario'),
      t('files.csvR'),
      t('files.csvDelta'),
      t('files.csvGrowth'),
      t('files.csvFailures'),
    ],
  ];
  for (const row of result.comparison) {
    rows.push([
      row.id,
      row.id === 'baseline' ? t('scenarios.baseline') : row.name,
      row.reliability,
      row.delta,
      row.growth,
      row.failuresPer10k,
    ]);
  }
  return toCsv(rows);
}

export function downloadStepsCsv(document: BlueprintDocument, result: ValidAnalysis, t: Translate) {
  downloadText(
    stepsCsv(result, t),
    `${fileStem(document.title, 'blueprint')}-steps.csv`,
    'text/csv',
  );
}

export function downloadComparisonCsv(
  document: BlueprintDocument,
  result: ValidAnalysis,
  t: Translate,
) {
  downloadText(
    comparisonCsv(result, t),
    `${fileStem(document.title, 'blueprint')}-scenarios.csv`,
    'text/csv',
  );
}

/** The words of a drawing in the interface language: the canvas's own lane and line names. */
export function drawingTexts(t: Translate, language: Language): DrawingTexts {
  return {
    language,
    lanes: {
      customer: t('editing.lane.customer'),
      frontstage: t('editing.lane.frontstage'),
      backstage: t('editing.lane.backstage'),
      support: t('editing.lane.support'),
    },
    lines: {
      interaction: t('editing.laneLine.interaction'),
      visibility: t('editing.laneLine.visibility'),
      internalInteraction: t('editing.laneLine.internalInteraction'),
    },
    unlabelled: {
      step: t('editing.node.untitledStep'),
      decision: t('editing.nodeType.decision'),
      parallel: t('editing.nodeType.parallel'),
      join: t('editing.nodeType.join'),
      start: t('editing.nodeType.start'),
      end: t('editing.nodeType.end'),
      failureEnd: t('editing.nodeType.failureEnd'),
    },
    untitledBlueprint: t('shell.untitled'),
    notEvaluable: t('editing.node.notEvaluable'),
    joinAll: t('editing.node.joinAll'),
    failureEdge: t('editing.edge.failureShort'),
  };
}

/**
 * Draws the blueprint and offers it as `<title>.svg`, or rasterised as `<title>.png`.
 *
 * @param failShares - node id → share, 0–1, of the failures there: the heat tint the canvas shows.
 */
export async function downloadCanvas(
  document: BlueprintDocument,
  format: ImageFormat,
  texts: DrawingTexts,
  failShares?: ReadonlyMap<string, number>,
): Promise<'done' | 'empty'> {
  if (document.nodes.length === 0) return 'empty';
  const drawing: Drawing = drawBlueprint(document, { texts, failShares });
  const blob = format === 'png' ? await pngBlob(drawing) : svgBlob(drawing);
  downloadBlob(blob, `${fileStem(document.title, 'blueprint')}.${format}`);
  return 'done';
}
