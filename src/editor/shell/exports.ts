/**
 * Export commands: the canvas as PNG or SVG, the per-step table and the scenario comparison as
 * CSV. CSV holds full-precision numbers (a spreadsheet formats them) and headers in the
 * interface language.
 */
import type { BlueprintDocument } from '../../sim/document';
import { boundsOf, computeLaneBands } from '../../document/geometry';
import { toCsv, type CsvCell } from '../files/csv';
import { downloadText, downloadUrl, fileStem } from '../files/download';
import { renderCanvas, type ImageFormat } from '../files/exportImage';
import type { Translate } from '../i18n';
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

/**
 * The part of the canvas to export: every node, and the lane bands from top to bottom so their
 * names and the three lines come along.
 */
export function exportBounds(document: BlueprintDocument) {
  const nodes = boundsOf(document.nodes);
  if (!nodes) return null;
  const bands = computeLaneBands(document.nodes);
  const top = Math.min(nodes.y, bands[0]?.top ?? nodes.y);
  const bottom = Math.max(nodes.y + nodes.height, bands[bands.length - 1]?.bottom ?? 0);
  return { x: nodes.x - 160, y: top, width: nodes.width + 200, height: bottom - top };
}

/** Draws the canvas and offers it as `<title>.png` / `.svg`. */
export async function downloadCanvas(
  document: BlueprintDocument,
  format: ImageFormat,
): Promise<'done' | 'empty'> {
  const viewport = globalThis.document.querySelector<HTMLElement>('.react-flow__viewport');
  const bounds = exportBounds(document);
  if (!viewport || !bounds) return 'empty';
  const picture = await renderCanvas(viewport, bounds, format, '#ffffff');
  downloadUrl(picture.dataUrl, `${fileStem(document.title, 'blueprint')}.${format}`);
  return 'done';
}
