import { describe, expect, it } from 'vitest';
import {
  analyze,
  compareScenarios,
  reliabilityAndFailure,
  reliabilityWith,
  stepChangeEffect,
  systemReliability,
} from '../src/sim/exact';
import {
  blueprint,
  courier,
  COURIER_RELIABILITIES,
  decision,
  end,
  failureEnd,
  join,
  modelOf,
  parallel,
  parallelBlock,
  series,
  start,
  step,
  withStep,
} from './exact-fixtures';

/** |actual − expected| ≤ 1e-12 · max(1, |expected|). */
function close(actual: number, expected: number, tolerance = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
}

/** Relative closeness, for probabilities far below 1. */
function relativelyClose(actual: number, expected: number, tolerance = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

const product = (values: number[]) => values.reduce((a, b) => a * b, 1);

describe('the courier reference case', () => {
  const base = modelOf(courier());
  const R = product(COURIER_RELIABILITIES);

  it('has R = 0.76528 as the product of its ten steps', () => {
    close(systemReliability(base), 0.7652799141238861);
    close(R, 0.7652799141238861);
    expect(systemReliability(base).toFixed(3)).toBe('0.765');
  });

  it('reaches 0.81629 with a recovery catching 60 % at step 3', () => {
    const recovered = modelOf(courier({ 3: 0.6 }));
    close(systemReliability(recovered), 0.8162985750654785);
    expect(systemReliability(recovered).toFixed(3)).toBe('0.816');
  });

  it('compares scenarios like the source table: +0.051, +6.67 %', () => {
    const rows = compareScenarios(base, [
      { id: 'recover-3', name: 'Recover step 3', model: modelOf(courier({ 3: 0.6 })) },
      {
        id: 'better-7',
        name: 'Step 7 to 0.99',
        model: modelOf(withStep(courier(), 's7', { reliability: 0.99 })),
      },
    ]);
    expect(rows.map((r) => r.id)).toEqual(['baseline', 'recover-3', 'better-7']);
    close(rows[0].reliability, R);
    expect(rows[0].delta).toBe(0);
    expect(rows[0].growth).toBe(0);
    close(rows[0].failuresPer10k, (1 - R) * 10_000, 1e-10);
    close(rows[1].reliability, 0.8162985750654785);
    close(rows[1].delta, 0.05101866094159241);
    expect(rows[1].delta.toFixed(3)).toBe('0.051');
    close(rows[1].growth, 1 / 15);
    expect((rows[1].growth * 100).toFixed(2)).toBe('6.67');
    close(rows[1].failuresPer10k, (1 - 0.8162985750654785) * 10_000, 1e-10);
    close(rows[2].reliability, (R / 0.95) * 0.99);
    close(rows[2].growth, 0.99 / 0.95 - 1);
  });

  it('analyzes fail points, shares, importance, potentials and the tornado exactly', () => {
    const analysis = analyze(base);
    close(analysis.reliability, R);
    close(analysis.failureProbability, 1 - R);
    close(analysis.failuresPer10k, (1 - R) * 10_000, 1e-10);
    let reached = 1;
    for (let i = 0; i < 10; i++) {
      const r = COURIER_RELIABILITIES[i];
      const figures = analysis.steps[i];
      expect(figures.id).toBe(`s${i + 1}`);
      close(figures.expectedVisits, reached);
      close(figures.failPointProbability, reached * (1 - r));
      close(analysis.failPoints[`s${i + 1}`], reached * (1 - r));
      close(figures.failShare, (reached * (1 - r)) / (1 - R));
      close(figures.birnbaumImportance, R / r);
      close(figures.improvementPotential, R / r - R);
      close(figures.catchImportance, (R / r) * (1 - r));
      expect(figures.catchPotential).toBeNull();
      expect(figures.recoveryUse).toBe(0);
      reached *= r;
    }
    // Step 3 (0.90) then step 7 (0.95) fail most often.
    expect(analysis.failPointRanking.slice(0, 2).map((f) => f.id)).toEqual(['s3', 's7']);
    const shares = analysis.failPointRanking.reduce((acc, f) => acc + f.share, 0);
    close(shares, 1);
    // Tornado: R is linear in each step; steps at 0.99 are clamped at 1 going up.
    const bar3 = analysis.tornado.find((t) => t.id === 's3')!;
    close(bar3.low, (R / 0.9) * 0.85);
    close(bar3.high, (R / 0.9) * 0.95);
    close(bar3.swing, (R / 0.9) * 0.1);
    const bar1 = analysis.tornado.find((t) => t.id === 's1')!;
    expect(bar1.highReliability).toBe(1);
    close(bar1.high, R / 0.99);
    close(bar1.low, (R / 0.99) * 0.94);
    // Widest first: swing = R/r · (high − low), largest for the least reliable step.
    expect(analysis.tornado[0].id).toBe('s3');
    for (let i = 1; i < analysis.tornado.length; i++) {
      expect(analysis.tornado[i - 1].swing).toBeGreaterThanOrEqual(analysis.tornado[i].swing);
    }
    expect(analysis.nodes.find((n) => n.id === 'end')!.visitProbability).toBeCloseTo(R, 14);
  });

  it('makes its lists on first read, and they travel in a clone, JSON and a spread', () => {
    const analysis = analyze(modelOf(courier({ 3: 0.6 })));
    const lists = ['nodes', 'steps', 'failPoints', 'failPointRanking', 'tornado'];
    // Before anything is read, each list is a member made when asked for.
    for (const name of lists) {
      const member = Object.getOwnPropertyDescriptor(analysis, name)!;
      expect(member.get).toBeTypeOf('function');
      expect(member.enumerable).toBe(true);
    }
    const order = ['reliability', 'failureProbability', 'failuresPer10k', 'tornadoDelta', ...lists];
    // A worker's message is a structured clone: it reads every member.
    const cloned = structuredClone(analysis);
    expect(Object.keys(cloned)).toEqual(order);
    expect(cloned.steps).toHaveLength(10);
    expect(cloned.steps[2].recoveryUse).toBeCloseTo(0.99 * 0.98 * 0.1 * 0.6, 14);
    const json = JSON.parse(JSON.stringify(analysis)) as typeof analysis;
    expect(Object.keys(json)).toEqual(order);
    expect(json).toEqual(cloned);
    expect({ ...analysis }).toEqual(cloned);
    // Once read, a list is an ordinary value: the same array each time, and replaceable.
    expect(analysis.tornado).toBe(analysis.tornado);
    expect(Object.getOwnPropertyDescriptor(analysis, 'tornado')!.get).toBeUndefined();
    analysis.steps = analysis.steps.slice(0, 1);
    expect(analysis.steps.map((s) => s.id)).toEqual(['s1']);
  });

  it('reports recovery use and catch importance at step 3', () => {
    const analysis = analyze(modelOf(courier({ 3: 0.6 })));
    const s3 = analysis.steps[2];
    close(s3.reliabilityWithRecovery, 0.96);
    close(s3.recoveryUse, 0.99 * 0.98 * 0.1 * 0.6);
    close(s3.expectedUncaughtFailures, 0.99 * 0.98 * 0.1 * 0.4);
    const others = R / 0.9;
    close(s3.catchImportance, others * 0.1);
    close(s3.birnbaumImportance, others * 0.4);
    close(s3.catchPotential!, others - others * 0.96);
    close(s3.improvementPotential, others - others * 0.96);
  });

  it('answers what-ifs without a re-analysis', () => {
    close(reliabilityWith(base, 's3', { catchRate: 0.6 }), 0.8162985750654785);
    close(
      reliabilityWith(base, base.indexOf.get('s3')!, { reliability: 0.96 }),
      0.8162985750654785,
    );
    const effect = stepChangeEffect(base, 's7', { reliability: 1 });
    close(effect.reliabilityChange, R / 0.95 - R);
    close(effect.failureChange, -(R / 0.95 - R));
    expect(() => reliabilityWith(base, 'start', { reliability: 1 })).toThrow(/not a step/);
    expect(() => reliabilityWith(base, 'nope', { reliability: 1 })).toThrow(/no node "nope"/);
    expect(() => reliabilityWith(base, 's1', { reliability: 1.5 })).toThrow(/between 0 and 1/);
  });
});

describe('series', () => {
  it('multiplies reliabilities with recoveries as r + (1 − r)c', () => {
    const model = modelOf(series([0.9, 0.8, 0.7], { 2: 0.5 }));
    close(systemReliability(model), 0.9 * (0.8 + 0.2 * 0.5) * 0.7);
    const { failureProbability } = reliabilityAndFailure(model);
    close(failureProbability, 0.1 + 0.9 * 0.1 + 0.9 * 0.9 * 0.3);
  });

  it('is 0 with a step that always fails and 1 with perfect steps', () => {
    expect(systemReliability(modelOf(series([1, 0, 1])))).toBe(0);
    expect(systemReliability(modelOf(series([1, 1, 1])))).toBe(1);
    const analysis = analyze(modelOf(series([1, 0, 1])));
    expect(analysis.nodes.find((n) => n.id === 's3')!.visitProbability).toBe(0);
    expect(analysis.failPoints.s2).toBe(1);
    // Improving s2 is worth everything; the others nothing.
    expect(analysis.steps.map((s) => s.improvementPotential)).toEqual([0, 1, 0]);
  });
});

describe('decisions and failure ends', () => {
  // start → d: 0.7 → a (0.9), 0.3 → b (0.6); both → m (0.8) → end.
  const diamond = blueprint(
    [start(), decision('d'), step('a', 0.9), step('b', 0.6), step('m', 0.8), end()],
    [
      ['start', 'd'],
      ['d', 'a', { p: 0.7 }],
      ['d', 'b', { p: 0.3 }],
      ['a', 'm'],
      ['b', 'm'],
      ['m', 'end'],
    ],
  );

  it('weights routes by their probabilities', () => {
    const analysis = analyze(modelOf(diamond));
    close(analysis.reliability, (0.7 * 0.9 + 0.3 * 0.6) * 0.8);
    const visits = Object.fromEntries(analysis.nodes.map((n) => [n.id, n.expectedVisits]));
    close(visits.a, 0.7);
    close(visits.b, 0.3);
    close(visits.m, 0.7 * 0.9 + 0.3 * 0.6);
    close(analysis.failPoints.a, 0.07);
    close(analysis.failPoints.b, 0.12);
    close(analysis.failPoints.m, 0.81 * 0.2);
    const a = analysis.steps.find((s) => s.id === 'a')!;
    close(a.birnbaumImportance, 0.7 * 0.8);
    close(a.improvementPotential, 0.7 * 0.1 * 0.8);
  });

  it('counts a failure end as a fail point', () => {
    const model = modelOf(
      blueprint(
        [start(), decision('d'), step('s', 0.95), failureEnd('gone'), end()],
        [
          ['start', 'd'],
          ['d', 's', { p: 0.9 }],
          ['d', 'gone', { p: 0.1 }],
          ['s', 'end'],
        ],
      ),
    );
    const analysis = analyze(model);
    close(analysis.reliability, 0.9 * 0.95);
    close(analysis.failureProbability, 0.1 + 0.9 * 0.05);
    close(analysis.failPoints.gone, 0.1);
    close(analysis.failPoints.s, 0.045);
    expect(analysis.failPointRanking.map((f) => [f.id, f.type])).toEqual([
      ['gone', 'end'],
      ['s', 'step'],
    ]);
    close(analysis.failPointRanking[0].share, 0.1 / 0.145);
    close(analysis.nodes.find((n) => n.id === 'gone')!.visitProbability, 0.1);
  });
});

describe('loops', () => {
  /** start → a → d: back to a with q, on to end with 1 − q. */
  const rework = (r: number, q: number) =>
    blueprint(
      [start(), step('a', r), decision('d'), end()],
      [
        ['start', 'a'],
        ['a', 'd'],
        ['d', 'a', { p: q }],
        ['d', 'end', { p: 1 - q }],
      ],
    );

  it('visits a perfect step 1/(1 − q) times', () => {
    const analysis = analyze(modelOf(rework(1, 0.25)));
    expect(analysis.reliability).toBeCloseTo(1, 15);
    close(analysis.nodes.find((n) => n.id === 'a')!.expectedVisits, 1 / 0.75);
    close(analysis.nodes.find((n) => n.id === 'd')!.expectedVisits, 1 / 0.75);
    close(analysis.nodes.find((n) => n.id === 'a')!.visitProbability, 1);
  });

  it('solves a rework loop through an unreliable step', () => {
    const q = 0.25;
    const analysis = analyze(modelOf(rework(0.9, q)));
    const R = (0.9 * (1 - q)) / (1 - 0.9 * q);
    close(analysis.reliability, R);
    close(analysis.failureProbability, 0.1 / (1 - 0.9 * q));
    close(analysis.nodes.find((n) => n.id === 'a')!.expectedVisits, 1 / (1 - 0.9 * q));
    close(analysis.nodes.find((n) => n.id === 'd')!.expectedVisits, 0.9 / (1 - 0.9 * q));
    close(analysis.nodes.find((n) => n.id === 'd')!.visitProbability, 0.9);
    // ∂R/∂r = (1 − q)/(1 − rq)²; R(r = 1) = 1.
    const a = analysis.steps[0];
    close(a.birnbaumImportance, (1 - q) / (1 - 0.9 * q) ** 2);
    close(a.improvementPotential, 1 - R);
    const bar = analysis.tornado[0];
    close(bar.low, (0.85 * (1 - q)) / (1 - 0.85 * q));
    close(bar.high, (0.95 * (1 - q)) / (1 - 0.95 * q));
  });

  it('follows a failure edge to a rework step', () => {
    // a (0.8) fails → w (0.9); both → b (0.95) → end.
    const model = modelOf(
      blueprint(
        [start(), step('a', 0.8), step('w', 0.9), step('b', 0.95), end()],
        [
          ['start', 'a'],
          ['a', 'b'],
          ['a', 'w', { failure: true }],
          ['w', 'b'],
          ['b', 'end'],
        ],
      ),
    );
    const analysis = analyze(model);
    close(analysis.reliability, (0.8 + 0.2 * 0.9) * 0.95);
    expect(Object.keys(analysis.failPoints).sort()).toEqual(['b', 'w']);
    close(analysis.failPoints.w, 0.2 * 0.1);
    close(analysis.failPoints.b, 0.98 * 0.05);
    const a = analysis.steps.find((s) => s.id === 'a')!;
    expect(a.failPointProbability).toBe(0);
    close(a.expectedUncaughtFailures, 0.2);
    close(a.birnbaumImportance, (1 - 0.9) * 0.95);
  });

  it('retries a step on its own failure edge', () => {
    const model = modelOf(
      blueprint(
        [start(), step('a', 0.5), step('b', 0.9), end()],
        [
          ['start', 'a'],
          ['a', 'b'],
          ['a', 'a', { failure: true }],
          ['b', 'end'],
        ],
      ),
    );
    const analysis = analyze(model);
    close(analysis.reliability, 0.9);
    close(analysis.nodes.find((n) => n.id === 'a')!.expectedVisits, 2);
    close(analysis.nodes.find((n) => n.id === 'a')!.visitProbability, 1);
    // Retrying until success: a's reliability does not matter.
    close(analysis.steps[0].birnbaumImportance, 0);
    close(analysis.steps[0].improvementPotential, 0);
    close(reliabilityWith(model, 'a', { reliability: 0.01 }), 0.9);
    // Even an almost hopeless step is retried until it passes (no cancellation in the update).
    close(reliabilityWith(model, 'a', { reliability: 5.551115123125784e-17 }), 0.9);
    close(reliabilityWith(model, 'a', { reliability: 1e-300 }), 0.9);
  });

  it('sends a failure back to an earlier step', () => {
    // s1 (0.9) → s2 (0.8) → end; s2 fails → s1.
    const input = blueprint(
      [start(), step('s1', 0.9), step('s2', 0.8), end()],
      [
        ['start', 's1'],
        ['s1', 's2'],
        ['s2', 's1', { failure: true }],
        ['s2', 'end'],
      ],
    );
    const analysis = analyze(modelOf(input));
    close(analysis.reliability, 0.72 / 0.82);
    close(analysis.failPoints.s1, 0.1 / 0.82);
    close(analysis.nodes.find((n) => n.id === 's1')!.expectedVisits, 1 / 0.82);
    close(analysis.nodes.find((n) => n.id === 's2')!.expectedVisits, 0.9 / 0.82);
    close(analysis.nodes.find((n) => n.id === 's2')!.visitProbability, 0.9);
    // The rank-one update matches the closed form 0.9·r/(1 − 0.9·(1 − r)).
    const s2 = analysis.steps[1];
    close(s2.improvementPotential, 0.9 - 0.72 / 0.82);
    close(reliabilityWith(modelOf(input), 's2', { reliability: 0.5 }), 0.45 / 0.55);
    close(reliabilityWith(modelOf(input), 's1', { reliability: 0.5 }), 0.4 / 0.9);
  });

  it('counts a customer stuck by a what-if as neither success nor failure', () => {
    // Retrying a step whose reliability drops to 0 traps everyone who reaches it.
    const model = modelOf(
      blueprint(
        [start(), decision('d'), step('a', 0.5), step('b', 0.9), end()],
        [
          ['start', 'd'],
          ['d', 'a', { p: 0.4 }],
          ['d', 'b', { p: 0.6 }],
          ['a', 'b'],
          ['a', 'a', { failure: true }],
          ['b', 'end'],
        ],
      ),
    );
    const effect = stepChangeEffect(model, 'a', { reliability: 0 });
    close(effect.reliability, 0.6 * 0.9);
    close(effect.failureProbability, 0.6 * 0.1);
  });
});

describe('a loop that cannot be left', () => {
  it('is refused with a sentence naming a node on it', () => {
    // The only failure that could end the loop sits in a 1-of-2 block whose other branch
    // always succeeds; once s8 never passes, customers go round p → j → s8 → p forever.
    // The validator refuses such a file, so the model is changed after validation here.
    const model = modelOf(
      blueprint(
        [start(), parallel('p'), step('s4', 0.7), join('j', 1), step('s8', 0.1), end()],
        [
          ['start', 'p'],
          ['p', 's4'],
          ['s4', 'j'],
          ['p', 'j'],
          ['j', 's8'],
          ['s8', 'p', { failure: true }],
          ['s8', 'end'],
        ],
      ),
    );
    close(systemReliability(model), 1);
    const reliabilities = model.graph.reliability.slice();
    reliabilities[model.indexOf.get('s8')!] = 0;
    expect(() => systemReliability(model, undefined, reliabilities)).toThrow(
      /go round the loop through (step|parallel|join) "(s8|p|j)" forever/,
    );
  });
});

describe('parallel blocks', () => {
  it('needs every branch by default (AND)', () => {
    const analysis = analyze(modelOf(parallelBlock([0.9, 0.8])));
    close(analysis.reliability, 0.72);
    close(analysis.failPoints.j, 0.28);
    expect(analysis.failPoints.b1).toBeUndefined();
    const b1 = analysis.steps[0];
    expect(b1.failPointProbability).toBe(0);
    close(b1.expectedUncaughtFailures, 0.1);
    close(b1.birnbaumImportance, 0.8);
    close(b1.improvementPotential, 0.8 - 0.72);
    close(analysis.nodes.find((n) => n.id === 'b2')!.visitProbability, 1);
    close(analysis.nodes.find((n) => n.id === 'j')!.expectedVisits, 1);
  });

  it('passes 1-of-n when any branch succeeds', () => {
    const analysis = analyze(modelOf(parallelBlock([0.9, 0.8, 0.5], 1)));
    close(analysis.reliability, 1 - 0.1 * 0.2 * 0.5);
    relativelyClose(analysis.failureProbability, 0.1 * 0.2 * 0.5);
    close(analysis.steps[0].birnbaumImportance, 0.2 * 0.5);
    close(analysis.steps[2].improvementPotential, 0.1 * 0.2 * 0.5);
  });

  it('passes k-of-n by the Poisson-binomial distribution', () => {
    const analysis = analyze(modelOf(parallelBlock([0.9, 0.8, 0.7], 2)));
    const R = 0.9 * 0.8 * 0.7 + 0.9 * 0.8 * 0.3 + 0.9 * 0.2 * 0.7 + 0.1 * 0.8 * 0.7;
    close(analysis.reliability, R);
    close(analysis.reliability, 0.902);
    // ∂R/∂r1 = P(exactly one of the others) = 0.8·0.3 + 0.2·0.7.
    close(analysis.steps[0].birnbaumImportance, 0.8 * 0.3 + 0.2 * 0.7);
    const bar = analysis.tornado.find((t) => t.id === 'b1')!;
    close(bar.swing, 0.1 * (0.8 * 0.3 + 0.2 * 0.7));
  });

  it('keeps a 1 − 1e-10 reliability and its 1e-10 failure probability exact', () => {
    const r = [1 - 1e-4, 1 - 1e-3, 1 - 1e-3];
    const expectedFailure = (1 - r[0]) * (1 - r[1]) * (1 - r[2]);
    const model = modelOf(parallelBlock(r, 1));
    const analysis = analyze(model);
    relativelyClose(analysis.failureProbability, expectedFailure);
    relativelyClose(analysis.failureProbability, 1e-10, 1e-11);
    relativelyClose(analysis.failPoints.j, expectedFailure);
    relativelyClose(analysis.failuresPer10k, expectedFailure * 10_000);
    close(analysis.reliability, 1 - expectedFailure, 1e-15);
    // Importance of branch 1 = P(both others fail), far below 1e-5.
    relativelyClose(analysis.steps[0].birnbaumImportance, (1 - r[1]) * (1 - r[2]));
    relativelyClose(
      analysis.steps[0].improvementPotential,
      (1 - r[0]) * (1 - r[1]) * (1 - r[2]),
      1e-9,
    );
  });

  it('treats an edge straight to the join as a branch that always succeeds', () => {
    const model = modelOf(
      blueprint(
        [start(), parallel('p'), step('a', 0.7), join('j'), end()],
        [
          ['start', 'p'],
          ['p', 'a'],
          ['p', 'j'],
          ['a', 'j'],
          ['j', 'end'],
        ],
      ),
    );
    close(systemReliability(model), 0.7);
  });

  it('nests blocks', () => {
    // Outer AND of [inner 1-of-2 (0.9, 0.8) then x (0.95)] and [y (0.7)].
    const model = modelOf(
      blueprint(
        [
          start(),
          parallel('po'),
          parallel('pi'),
          step('a', 0.9),
          step('b', 0.8),
          join('ji', 1),
          step('x', 0.95),
          step('y', 0.7),
          join('jo'),
          end(),
        ],
        [
          ['start', 'po'],
          ['po', 'pi'],
          ['pi', 'a'],
          ['pi', 'b'],
          ['a', 'ji'],
          ['b', 'ji'],
          ['ji', 'x'],
          ['x', 'jo'],
          ['po', 'y'],
          ['y', 'jo'],
          ['jo', 'end'],
        ],
      ),
    );
    const analysis = analyze(model);
    const inner = 1 - 0.1 * 0.2;
    close(analysis.reliability, inner * 0.95 * 0.7);
    close(analysis.failPoints.jo, 1 - inner * 0.95 * 0.7);
    expect(analysis.failPoints.ji).toBeUndefined();
    close(analysis.nodes.find((n) => n.id === 'x')!.visitProbability, inner);
    close(analysis.nodes.find((n) => n.id === 'x')!.expectedVisits, inner);
    const a = analysis.steps.find((s) => s.id === 'a')!;
    close(a.birnbaumImportance, 0.2 * 0.95 * 0.7);
    close(a.improvementPotential, (1 - inner) * 0.95 * 0.7);
  });

  it('counts visits of a block that runs again on a loop', () => {
    // Loop: p → [a (0.5) → b (0.9)] | [c (0.8)] → j (1 of 2) → d: back to p 0.5, on 0.5.
    const model = modelOf(
      blueprint(
        [
          start(),
          parallel('p'),
          step('a', 0.5),
          step('b', 0.9),
          step('c', 0.8),
          join('j', 1),
          decision('d'),
          end(),
        ],
        [
          ['start', 'p'],
          ['p', 'a'],
          ['a', 'b'],
          ['b', 'j'],
          ['p', 'c'],
          ['c', 'j'],
          ['j', 'd'],
          ['d', 'p', { p: 0.5 }],
          ['d', 'end', { p: 0.5 }],
        ],
      ),
    );
    const analysis = analyze(model);
    const pass = 1 - (1 - 0.45) * 0.2;
    const runs = 1 / (1 - 0.5 * pass);
    close(analysis.reliability, (0.5 * pass) / (1 - 0.5 * pass));
    const node = (id: string) => analysis.nodes.find((n) => n.id === id)!;
    close(node('p').expectedVisits, runs);
    close(node('j').expectedVisits, runs);
    close(node('a').expectedVisits, runs);
    close(node('b').expectedVisits, runs * 0.5);
    // b is missed when a fails in every run: per run, a fails and the block passes (0.4)
    // then loops (×0.5) or ends (×0.5), or a and c both fail (0.1).
    close(node('b').visitProbability, 1 - 0.3 / 0.8);
    close(node('a').visitProbability, 1);
    close(analysis.steps.find((s) => s.id === 'b')!.expectedUncaughtFailures, runs * 0.5 * 0.1);
  });
});
