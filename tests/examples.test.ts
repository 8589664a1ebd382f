import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, compareScenarios } from '../src/sim/exact';
import { parseBlueprint } from '../src/sim/parse';

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.blueprint.json'));

function load(file: string) {
  const result = parseBlueprint(readFileSync(`examples/${file}`, 'utf8'));
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.blueprint;
}

/** R of each example and scenario, worked out by hand from the files' figures. */
const EXPECTED: Record<string, Record<string, number>> = {
  'courier.blueprint.json': {
    baseline: 0.99 * 0.98 * 0.9 * 0.98 * 0.98 * 0.99 * 0.95 * 0.99 * 0.99 * 0.99,
    'recover-3': 0.99 * 0.98 * 0.96 * 0.98 * 0.98 * 0.99 * 0.95 * 0.99 * 0.99 * 0.99,
    'recover-7': 0.99 * 0.98 * 0.9 * 0.98 * 0.98 * 0.99 * 0.98 * 0.99 * 0.99 * 0.99,
    'recover-3-and-7': 0.99 * 0.98 * 0.96 * 0.98 * 0.98 * 0.99 * 0.98 * 0.99 * 0.99 * 0.99,
  },
};

describe.each(EXAMPLES)('example %s', (file) => {
  const blueprint = load(file);

  it('is a valid blueprint with a title, a description and positions', () => {
    expect(blueprint.document.title).toBeTruthy();
    expect(blueprint.document.description).toBeTruthy();
    for (const node of blueprint.document.nodes) expect(node.position, node.id).toBeDefined();
    expect(blueprint.scenarios.length).toBeGreaterThan(0);
  });

  it('has consistent exact figures', () => {
    const analysis = analyze(blueprint.model);
    expect(analysis.reliability).toBeGreaterThan(0.5);
    expect(analysis.reliability + analysis.failureProbability).toBeCloseTo(1, 12);
    const failSum = Object.values(analysis.failPoints).reduce((a, b) => a + b, 0);
    expect(failSum).toBeCloseTo(analysis.failureProbability, 12);
    for (const step of analysis.steps) {
      expect(step.improvementPotential).toBeGreaterThanOrEqual(0);
      expect(step.birnbaumImportance).toBeGreaterThanOrEqual(0);
    }
  });

  it('compares its scenarios against the baseline', () => {
    const rows = compareScenarios(blueprint.model, blueprint.scenarios);
    expect(rows[0].id).toBe('baseline');
    expect(rows.slice(1).map((r) => r.id)).toEqual(blueprint.scenarios.map((s) => s.id));
    const expected = EXPECTED[file.replace('.zh', '')];
    if (expected) {
      for (const row of rows) expect(row.reliability, row.id).toBeCloseTo(expected[row.id], 12);
    }
  });
});

describe('the courier example', () => {
  it('holds the seed: 0.765 → 0.816 with step 3 recovered, +0.051, +6.67 %', () => {
    const rows = compareScenarios(
      load('courier.blueprint.json').model,
      load('courier.blueprint.json').scenarios,
    );
    const step3 = rows.find((r) => r.id === 'recover-3')!;
    expect(rows[0].reliability.toFixed(3)).toBe('0.765');
    expect(step3.reliability.toFixed(3)).toBe('0.816');
    expect(step3.delta.toFixed(3)).toBe('0.051');
    expect((step3.growth * 100).toFixed(2)).toBe('6.67');
  });

  it('is the same service in Chinese', () => {
    const en = load('courier.blueprint.json');
    const zh = load('courier.zh.blueprint.json');
    expect(zh.document.nodes.map((n) => [n.id, n.type, n.lane])).toEqual(
      en.document.nodes.map((n) => [n.id, n.type, n.lane]),
    );
    expect(zh.document.nodes.find((n) => n.id === 's1')?.label).toBe('客户电话要求快递服务');
    expect(zh.scenarios.map((s) => s.id)).toEqual(en.scenarios.map((s) => s.id));
  });
});
