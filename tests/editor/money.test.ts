import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createScenario, saveScenario } from '../../src/document/commands';
import type { BlueprintDocument } from '../../src/sim/document';
import { validateDocument } from '../../src/sim/parse';
import type { OptimizeProgress } from '../../src/sim/money';
import { analyzeDocument, type AnalysisResponse } from '../../src/workers/analysis';
import { createEngine } from '../../src/workers/engine';
import {
  optimizeInSlices,
  type MoneyOptimizeOutcome,
  type MoneyOptimizeParams,
} from '../../src/workers/money';
import { MoneyOptimizer, type OptimizeRunner } from '../../src/editor/money/moneyClient';
import {
  budgetRequest,
  formatMoney,
  frontierPoints,
  moneyView,
  parseBudget,
  scenarioFromChoice,
} from '../../src/editor/money/moneyData';

/** The Money tab's view of a document, as the live analysis in the engine's worker gives it. */
function viewOf(document: BlueprintDocument) {
  const response: AnalysisResponse = analyzeDocument({ document, scenarioId: null });
  return response.ok ? moneyView('ok', response) : moneyView('invalid', null);
}

/** The optimiser's answer as the engine's worker gives it. */
async function optimiseIn(document: BlueprintDocument, params: MoneyOptimizeParams) {
  const engine = createEngine();
  engine.setDocument(1, document);
  const outcome = await engine.run('optimize', 1, params);
  if (outcome.status !== 'done') throw new Error(outcome.status);
  return outcome.result;
}

function courier(): BlueprintDocument {
  return JSON.parse(
    readFileSync(new URL('../../examples/courier.blueprint.json', import.meta.url), 'utf8'),
  ) as BlueprintDocument;
}

describe('the money of a document', () => {
  it('gives the courier baseline its yearly loss and every scenario a row', () => {
    const view = viewOf(courier());
    if (view.kind !== 'ok') throw new Error(`expected money, got ${view.kind}`);
    const [baseline, ...scenarios] = view.money.rows;
    // 10,000 customers a year × (1 − 0.76528) = 2,347 failing.
    expect(baseline.failedPerYear).toBeCloseTo(2347.2, 0);
    // 30 % leave, and each tells 10 people of whom 20 % are lost: 0.3 + 10 × 0.2 = 2.3 a failure.
    expect(baseline.lostPerYear).toBeCloseTo(baseline.failedPerYear * 2.3, 6);
    expect(baseline.return).toBeNull();
    expect(scenarios.length).toBe(courier().scenarios?.length);
    expect(scenarios.every((row) => row.return !== null)).toBe(true);
    // The options, without their models, and the loss by fail point, largest first.
    expect(view.money.options.map((option) => option.id)).toEqual([
      'check-waybill',
      'check-loading',
      'scan-loading',
      'waybill-app',
    ]);
    expect(view.money.options[0]).not.toHaveProperty('model');
    const byPoint = view.money.byFailPoint;
    expect(byPoint.length).toBeGreaterThan(1);
    expect(byPoint[0].valueLostPerYear).toBeGreaterThanOrEqual(byPoint[1].valueLostPerYear);
  });

  it('says it is computing until the live analysis has answered', () => {
    expect(moneyView('computing', null)).toEqual({ kind: 'computing' });
    expect(moneyView('idle', null)).toEqual({ kind: 'computing' });
  });

  it('says when there are no economics, and when the document is broken', () => {
    const plain = courier();
    delete plain.economics;
    expect(viewOf(plain).kind).toBe('no-economics');
    const broken = courier();
    broken.edges = [...broken.edges, { id: 'dangling', source: 'nowhere', target: 's1' }];
    expect(viewOf(broken).kind).toBe('invalid');
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
  it('chooses the waybill and loading checks within 3,000,000 and marks them on the frontier', async () => {
    const answer = await optimiseIn(courier(), {
      budget: 3_000_000,
      yearlyBudget: null,
      goal: 'value',
    });
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
    // The options come back without their models (they cross to the page).
    expect(answer.result.options[0]).not.toHaveProperty('model');
    await expect(
      optimiseIn(courier(), { budget: null, yearlyBudget: null, goal: 'value' }),
    ).resolves.toEqual({ ok: false, reason: 'bad-budget' });
  });

  it('keeps to a yearly budget: 1,000,000 a year affords one of the checks or the app', async () => {
    const answer = await optimiseIn(courier(), {
      budget: null,
      yearlyBudget: 1_000_000,
      goal: 'reliability',
    });
    if (!answer.ok) throw new Error(answer.reason);
    // Yearly costs: waybill 900,000, loading 700,000, scan 300,000, app 400,000.
    expect(answer.result.chosen.costPerYear).toBeLessThanOrEqual(1_000_000);
    expect(answer.result.yearlyBudget).toBe(1_000_000);
    expect(answer.result.budget).toBe(Number.POSITIVE_INFINITY);
    expect(
      answer.result.reliabilityFrontier.every((combination) => combination.costPerYear <= 1e6),
    ).toBe(true);
  });

  it('reads the two budgets: the yearly one optional, at least one of them', () => {
    expect(budgetRequest('3,000,000', '', 'value')).toEqual({
      ok: true,
      params: { budget: 3_000_000, yearlyBudget: null, goal: 'value' },
    });
    expect(budgetRequest('', '1 000 000', 'reliability')).toEqual({
      ok: true,
      params: { budget: null, yearlyBudget: 1_000_000, goal: 'reliability' },
    });
    expect(budgetRequest('', '', 'value')).toEqual({
      ok: false,
      budgetError: true,
      yearlyError: false,
    });
    expect(budgetRequest('5', 'lots', 'value')).toEqual({
      ok: false,
      budgetError: false,
      yearlyError: true,
    });
  });
});

describe('the optimiser off the page', () => {
  it('runs in slices, pausing between them, and stops when aborted or stale', async () => {
    const parsed = validateDocument(courier());
    if (!parsed.ok) throw new Error('courier does not parse');
    const params: MoneyOptimizeParams = { budget: 3_000_000, yearlyBudget: null, goal: 'value' };
    // Slices of one evaluation each: the courier's 16 combinations make 16 pauses.
    let pauses = 0;
    const progress: OptimizeProgress[] = [];
    const done = await optimizeInSlices(parsed.blueprint, params, {
      sliceMs: 0,
      pause: async () => {
        pauses++;
      },
      onProgress: (report) => progress.push(report),
    });
    if (!done.ok) throw new Error(done.reason);
    expect(pauses).toBe(16);
    // Told after the first slice, then at most every OPTIMIZE_PROGRESS_MS, counting up to 16.
    expect(progress[0]).toEqual({ evaluated: 1, total: 16 });
    expect(progress.length).toBeLessThanOrEqual(16);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].evaluated).toBeGreaterThan(progress[i - 1].evaluated);
      expect(progress[i].total).toBe(16);
    }
    expect(done.result.evaluated).toBe(16);
    expect(done.result.chosen.ids).toEqual(['check-waybill', 'check-loading']);
    // Aborted during the third pause: stopped there, before the fourth evaluation.
    const controller = new AbortController();
    let seen = 0;
    const aborted = await optimizeInSlices(parsed.blueprint, params, {
      sliceMs: 0,
      signal: controller.signal,
      pause: async () => {
        if (++seen === 3) controller.abort();
      },
    });
    expect([aborted, seen]).toEqual([{ ok: false, reason: 'stopped' }, 3]);
    // A revision that is no longer current stops it at the first pause.
    const stale = await optimizeInSlices(parsed.blueprint, params, {
      sliceMs: 0,
      pause: async () => undefined,
      stale: () => true,
    });
    expect(stale).toEqual({ ok: false, reason: 'stopped' });
  });

  it('drops the answer of a revision that is no longer current', async () => {
    const engine = createEngine();
    engine.setDocument(1, courier());
    const running = engine.run('optimize', 1, {
      budget: 3_000_000,
      yearlyBudget: null,
      goal: 'value',
    });
    // The next edit arrives while the optimiser runs (between its slices).
    engine.setDocument(2, { ...courier(), title: 'Edited' });
    const outcome = await running;
    expect(outcome.status).toBe('discarded');
  });

  it('drops an answer once a newer request is made, and stops the older run', async () => {
    const signals: AbortSignal[] = [];
    const resolvers: ((outcome: MoneyOptimizeOutcome) => void)[] = [];
    const runner: OptimizeRunner = (_document, _params, signal) => {
      signals.push(signal);
      return new Promise((resolve) => resolvers.push(resolve));
    };
    const optimizer = new MoneyOptimizer(runner);
    const params: MoneyOptimizeParams = { budget: 1, yearlyBudget: null, goal: 'value' };
    const first = optimizer.request({}, params);
    const second = optimizer.request({}, { ...params, budget: 2 });
    expect(signals[0].aborted).toBe(true);
    expect(signals[1].aborted).toBe(false);
    const refusal: MoneyOptimizeOutcome = { ok: false, reason: 'no-options' };
    resolvers[0](refusal);
    resolvers[1](refusal);
    await expect(first).resolves.toBeNull();
    await expect(second).resolves.toEqual(refusal);
    // A stopped run's own answer ("stopped") is never delivered either.
    const third = optimizer.request({}, params);
    optimizer.stop();
    expect(signals[2].aborted).toBe(true);
    resolvers[2]({ ok: false, reason: 'stopped' });
    await expect(third).resolves.toBeNull();
  });

  it('passes on the progress of the latest request only, and the engine’s count to the end', async () => {
    const reporters: ((progress: OptimizeProgress) => void)[] = [];
    const runner: OptimizeRunner = (_document, _params, _signal, onProgress) => {
      reporters.push(onProgress!);
      return new Promise(() => undefined);
    };
    const optimizer = new MoneyOptimizer(runner);
    const params: MoneyOptimizeParams = { budget: 1, yearlyBudget: null, goal: 'value' };
    const heard: [string, OptimizeProgress][] = [];
    void optimizer.request({}, params, (progress) => heard.push(['first', progress]));
    reporters[0]({ evaluated: 3, total: 16 });
    void optimizer.request({}, params, (progress) => heard.push(['second', progress]));
    // The older run may still report before it sees its abort: nobody hears it.
    reporters[0]({ evaluated: 4, total: 16 });
    reporters[1]({ evaluated: 1, total: 16 });
    optimizer.stop();
    reporters[1]({ evaluated: 2, total: 16 });
    expect(heard).toEqual([
      ['first', { evaluated: 3, total: 16 }],
      ['second', { evaluated: 1, total: 16 }],
    ]);

    // Through the engine: ten options, one per step of the courier, make 1,024 combinations,
    // more than one slice of work, so the count is told at least once on the way.
    const engine = createEngine();
    const options = Array.from({ length: 10 }, (_, i) => ({
      id: `better-s${i + 1}`,
      costOnce: 1000 * (i + 1),
      costPerYear: 0,
      changes: [{ node: `s${i + 1}`, set: { reliability: 0.999 } }],
    }));
    engine.setDocument(1, { ...courier(), scenarios: [], options });
    const counts: OptimizeProgress[] = [];
    const outcome = await engine.run(
      'optimize',
      1,
      { budget: 1e9, yearlyBudget: null, goal: 'value' },
      { onProgress: (progress) => counts.push(progress) },
    );
    if (outcome.status !== 'done' || !outcome.result.ok) throw new Error('no answer');
    expect(outcome.result.result.evaluated).toBe(1_024);
    expect(counts.length).toBeGreaterThan(0);
    for (const progress of counts) {
      expect(progress.total).toBe(1_024);
      expect(progress.evaluated).toBeLessThan(1_024);
    }
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
    const view = viewOf(saved.document);
    if (view.kind !== 'ok') throw new Error(view.kind);
    expect(view.money.rows.at(-1)!.reliability).toBeCloseTo(0.842, 3);
    // Without options, no `options` key is written.
    const plain = createScenario(courier(), { name: 'Plain' });
    if (!('document' in plain)) throw new Error('refused');
    expect(plain.document.scenarios!.at(-1)).not.toHaveProperty('options');
  });
});
