import { describe, expect, it } from 'vitest';
import { courierExample, examples, examplesFor } from '../../src/editor/files/examples';
import { openBlueprintText } from '../../src/editor/files/openFile';
import { translator } from '../../src/editor/i18n';
import { comparisonCsv, stepsCsv } from '../../src/editor/shell/exports';
import { analyzeDocument, readBlueprint } from '../../src/workers/analysis';

function courierDocument(language: 'en' | 'zh' = 'en') {
  const example = courierExample(language);
  if (!example) throw new Error('The courier example is missing.');
  const opened = openBlueprintText(example.file, example.text);
  if (!opened.ok) throw new Error(`The courier example does not open: ${JSON.stringify(opened)}`);
  return opened.document;
}

describe('examples menu', () => {
  it('bundles every example file, each of which opens', () => {
    const files = examples.map((example) => example.file);
    expect(files).toContain('courier.blueprint.json');
    expect(files).toContain('courier.zh.blueprint.json');
    for (const example of examples) {
      const opened = openBlueprintText(example.file, example.text);
      expect({ file: example.file, ok: opened.ok }).toEqual({ file: example.file, ok: true });
    }
  });

  it('lists the examples of the interface language first', () => {
    expect(examplesFor('zh')[0].language).toBe('zh');
    expect(examplesFor('en')[0].language).toBe('en');
    expect(courierExample('zh')?.file).toBe('courier.zh.blueprint.json');
  });
});

describe('the live analysis', () => {
  it('gives the reference figures of the courier', () => {
    const response = analyzeDocument({ document: courierDocument(), scenarioId: null });
    if (!response.ok) throw new Error('The courier should be valid.');
    expect(response.analysis.reliability).toBeCloseTo(0.76527991, 8);
    expect(response.scenarioId).toBeNull();
    const recover3 = response.comparison.find((row) => row.id === 'recover-3');
    expect(recover3?.reliability).toBeCloseTo(0.81629857, 7);
    expect(recover3?.delta).toBeCloseTo(0.0510187, 6);
    expect(recover3?.growth).toBeCloseTo(0.0666667, 6);
    expect(response.comparison[0].id).toBe('baseline');
    expect(response.nodes.filter((node) => node.type === 'step')).toHaveLength(10);
  });

  it('analyses the scenario being edited in what-if mode', () => {
    const response = analyzeDocument({ document: courierDocument('zh'), scenarioId: 'recover-3' });
    if (!response.ok) throw new Error('The courier should be valid.');
    expect(response.scenarioId).toBe('recover-3');
    expect(response.analysis.reliability).toBeCloseTo(0.81629857, 7);
  });

  it('reports every problem of an invalid blueprint instead of figures', () => {
    const document = courierDocument();
    const broken = { ...document, edges: document.edges.filter((edge) => edge.source !== 's5') };
    const response = analyzeDocument({ document: broken, scenarioId: null });
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.diagnostics.map((d) => d.code)).toContain('BP010');
    expect(response.diagnostics.some((d) => d.target.kind === 'node' && d.target.id === 's5')).toBe(
      true,
    );
  });

  it('reads files off the main thread with the same checks as opening them', () => {
    expect(readBlueprint('{').ok).toBe(false);
    const text = JSON.stringify(courierDocument());
    const read = readBlueprint(text);
    expect(read.ok && read.document.nodes.length).toBe(courierDocument().nodes.length);
  });
});

describe('CSV exports', () => {
  const response = analyzeDocument({ document: courierDocument(), scenarioId: null });
  if (!response.ok) throw new Error('The courier should be valid.');

  it('list every step with full-precision figures', () => {
    const lines = stepsCsv(response, translator('en')).replace('\ufeff', '').trim().split('\r\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/^Id,Step,Lane,Reliability,/);
    const waybill = lines.find((line) => line.startsWith('s3,'))!.split(',');
    expect(waybill[1]).toBe('Customer fills in the waybill');
    expect(Number(waybill[3])).toBe(0.9);
  });

  it('list the scenarios with the baseline first, headers in the interface language', () => {
    const lines = comparisonCsv(response, translator('zh'))
      .replace('\ufeff', '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('编号,方案,总体可靠性,可靠性提高,可靠性增长率,每万名客户失误数');
    expect(lines[1].startsWith('baseline,基准,0.765')).toBe(true);
    expect(lines).toHaveLength(1 + response.comparison.length);
  });
});
