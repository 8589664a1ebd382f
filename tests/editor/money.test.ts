import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createScenario, saveScenario } from '../../src/document/commands';
import type { BlueprintDocument } from '../../src/sim/document';
import { validateDocument } from '../../src/sim/parse';
import {
  formatMoney,
  frontierPoints,
  moneyView,
  optimizerView,
  parseBudget,
  scenarioFromChoice,
} from '../../src/editor/money/moneyData';

function courier(): BlueprintDocument {
  return JSON.parse(
    readFileSync(new URL('../../examples/courier.blueprint.json', import.meta.url), 'utf8'),
  ) as BlueprintDocument;
}

describe('the money of a document', () => {
  it('gives the courier baseline its yearly loss and every scenario a row', () => {
    const view = moneyView(courier());
    if (view.kind !== 'ok') throw new Error(`expected money, got ${view.kind}`);
    const [baseline, ...scenarios] = view.rows;
    // 10,000 customers a year × (1 − 0.76528) = 2,347 failing.
    expect(baseline.failedPerYear).toBeCloseTo(2347.2, 0);
    // 30 % leave, and each tells 10 people of whom 20 % are lost: 0.3 + 10 × 0.2 = 2.3 a failure.
    expect(baseline.lostPerYear).toBeCloseTo(baseline.failedPerYear * 2.3, 6);
    expect(baseline.return).toBeNull();
    expect(scenarios.length).toBe(courier().scenarios?.length);
    expect(scenarios.every((row) => row.return !== null)).toBe(true);
  });

  it('says when there are no economics, and when the document is broken', () => {
    const plain = courier();
    delete plain.economics;
    expect(moneyView(plain).kind).toBe('no-economics');
    const broken = courier();
    broken.edges = [...broken.edges, { id: 'dangling', source: 'nowhere', target: 's1' }];
    expect(moneyView(broken).kind).toBe('invalid');
  });
});

describe('budgets and money as written', () => {
  it('reads a budget with thousands separators and refuses anything else', () => {
    expect(parseBudget('3,000,000')).toBe(3_000_000);
    expect(parseBudget(' 3 000 000 ')).toBe(3_000_000);
    expect(parseBudget('1500.5')).toBe(1500.5);
    expect(parseBudget('')).toBeNull();
    expect(parseBudget('-5')).toBeNull();
    expect(parseBudget('3 million')).toBeNull();
  });

  it('writes money with thousands separators and the currency code, never "-0"', () => {
    expect(formatMoney(2_653_970.4, 'CNY', 'en')).toBe('2,653,970 CNY');
    expect(formatMoney(2_653_970.4, 'CNY', 'zh')).toBe('2,653,970 CNY');
    expect(formatMoney(-1e-9, 'EUR', 'en')).toBe('0 EUR');
    expect(formatMoney(Number.NaN, 'EUR', 'en')).toBe('–');
  });
});

describe('the optimiser in the panel', () => {
  it('chooses the waybill and loading checks within 3,000,000 and marks them on the frontier', () => {
    const parsed = validateDocument(courier());
    if (!parsed.ok) throw new Error('courier does not parse');
    const answer = optimizerView(parsed.blueprint, 3_000_000, 'value');
    if (!answer.ok) throw new Error(answer.reason);
    expect(answer.result.chosen.ids).toEqual(['check-waybill', 'check-loading']);
    expect(answer.result.chosen.reliability).toBeCloseTo(0.842, 3);
    const points = frontierPoints(
      answer.result.reliabilityFrontier,
      answer.result.chosen,
      (id) => id.toUpperCase(),
      'nothing',
    );
    expect(points[0]).toMatchObject({ name: 'nothing', costOnce: 0, affordable: true });
    expect(points.filter((point) => point.chosen).map((point) => point.name)).toEqual([
      'CHECK-WAYBILL + CHECK-LOADING',
    ]);
    // Over the budget: on the menu, not affordable.
    expect(points.some((point) => !point.affordable)).toBe(true);
    expect(optimizerView(parsed.blueprint, null, 'value')).toEqual({
      ok: false,
      reason: 'bad-budget',
    });
  });

  it('makes the chosen options a scenario built from them alone', () => {
    expect(scenarioFromChoice([], 'none')).toBeNull();
    const scenario = scenarioFromChoice(['check-waybill', 'check-loading'], 'Best');
    expect(scenario).toEqual({
      name: 'Best',
      options: ['check-waybill', 'check-loading'],
      changes: [],
    });
    const saved = saveScenario(courier(), scenario!);
    if (!('document' in saved)) throw new Error('refused');
    const added = saved.document.scenarios!.at(-1)!;
    expect(added).toMatchObject({ name: 'Best', options: ['check-waybill', 'check-loading'] });
    // The document with the new scenario still parses, and its R is the optimiser's.
    const parsed = validateDocument(saved.document);
    if (!parsed.ok) throw new Error('scenario does not parse');
    expect(parsed.blueprint.scenarios.at(-1)!.model).toBeDefined();
    const view = moneyView(saved.document);
    if (view.kind !== 'ok') throw new Error(view.kind);
    expect(view.rows.at(-1)!.reliability).toBeCloseTo(0.842, 3);
    // Without options, no `options` key is written.
    const plain = createScenario(courier(), { name: 'Plain' });
    if (!('document' in plain)) throw new Error('refused');
    expect(plain.document.scenarios!.at(-1)).not.toHaveProperty('options');
  });
});
