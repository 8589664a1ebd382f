/**
 * The presenting view's guided walk: the source's table one slide at a time, with the engine's
 * figures. The courier (in English and in Chinese) walks 0.99, 0.9702, 0.873… down to 0.765,
 * and its step-3 recovery gives 0.816, +0.051, +6.67 %; a blueprint that is not in series shows
 * no running product and says why.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presentingWalk, type PresentingWalk } from '../src/document/presenting';
import { ExactSolution } from '../src/sim/exact';
import { validateDocument, type Blueprint } from '../src/sim/parse';
import { buildModel } from '../src/sim/structure';
import { chainShape } from '../bench/shapes';
import { loadExample } from './examples';

const COURIER_SERVED = [
  0.99, 0.9702, 0.87318, 0.8557164, 0.838602072, 0.83021605128, 0.788705248716, 0.78081819622884,
  0.7730100142665516, 0.7652799141238861,
];

const kinds = (walk: PresentingWalk) =>
  walk.slides.map((slide) => (slide.kind === 'step' ? `step ${slide.index + 1}` : slide.kind));

/** A blueprint from nodes and edges, validated as the editor's document would be. */
function blueprintOf(
  nodes: Record<string, unknown>[],
  edges: [string, string, Record<string, unknown>?][],
  scenarios: Record<string, unknown>[] = [],
): Blueprint {
  const parsed = validateDocument({
    format: 'failpoint.blueprint',
    version: 1,
    title: 'Hand-made',
    nodes: nodes.map((node) => ({ lane: 'frontstage', ...node })),
    edges: edges.map(([source, target, more], i) => ({ id: `e${i}`, source, target, ...more })),
    scenarios,
  });
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  return parsed.blueprint;
}

describe('presentingWalk on the courier', () => {
  const walk = presentingWalk(loadExample('courier.blueprint.json'));

  it('asks the question, walks the ten steps, gives R, then the recovery and its growth', () => {
    expect(kinds(walk)).toEqual([
      'question',
      ...Array.from({ length: 10 }, (_, i) => `step ${i + 1}`),
      'result',
      'recovery',
      'growth',
    ]);
    expect(walk.title).toBe('Courier pickup and delivery');
    expect(walk.range).toEqual({ lowest: 0.9, highest: 0.99 });
  });

  it('multiplies the steps in the order of the source table', () => {
    expect(walk.inexact).toBeNull();
    expect(walk.steps.map((s) => s.id)).toEqual(Array.from({ length: 10 }, (_, i) => `s${i + 1}`));
    expect(walk.steps.map((s) => s.text)).toEqual([
      '0.99',
      '0.98',
      '0.90',
      '0.98',
      '0.98',
      '0.99',
      '0.95',
      '0.99',
      '0.99',
      '0.99',
    ]);
    walk.steps.forEach((s, i) => expect(s.served).toBeCloseTo(COURIER_SERVED[i], 12));
    expect(walk.steps[1].served?.toFixed(3)).toBe('0.970');
    expect(walk.steps[2].served?.toFixed(3)).toBe('0.873');
    expect(walk.steps[2].label).toBe('Customer fills in the waybill');
  });

  it('ends the product at the exact R: 0.765, about one customer in four', () => {
    expect(walk.steps.at(-1)?.served).toBeCloseTo(walk.reliability, 14);
    expect(walk.reliability.toFixed(3)).toBe('0.765');
    expect(Math.round(walk.failuresPer10k)).toBe(2347);
    expect(walk.oneIn).toBe(4);
    expect(walk.formula?.text).toBe(
      '0.99 × 0.98 × 0.90 × 0.98 × 0.98 × 0.99 × 0.95 × 0.99 × 0.99 × 0.99 = 0.765',
    );
  });

  it('tells the first scenario: step 3 becomes 0.90 + 0.10 × 0.6 = 0.96, R 0.816, +0.051, +6.67 %', () => {
    const recovery = walk.recovery!;
    expect(recovery.scenarioId).toBe('recover-3');
    expect(recovery.scenarioName).toBe('Recover step 3');
    expect(recovery.changed).toHaveLength(1);
    const [changed] = recovery.changed;
    expect(changed).toMatchObject({
      id: 's3',
      label: 'Customer fills in the waybill',
      beforeText: '0.90',
      afterText: '(0.90 + 0.10 × 0.6)',
    });
    expect(changed.before).toBeCloseTo(0.9, 12);
    expect(changed.after).toBeCloseTo(0.96, 12);
    expect(recovery.reliability.toFixed(3)).toBe('0.816');
    expect(recovery.delta.toFixed(3)).toBe('0.051');
    expect((recovery.growth * 100).toFixed(2)).toBe('6.67');
    expect(Math.round(recovery.failuresPer10k)).toBe(1837);
    expect(recovery.formula?.factors.filter((f) => f.changed).map((f) => f.text)).toEqual([
      '(0.90 + 0.10 × 0.6)',
    ]);
  });

  it('tells the scenario on in what-if mode instead of the first', () => {
    const recovery = presentingWalk(
      loadExample('courier.blueprint.json'),
      'recover-3-and-7',
    ).recovery!;
    expect(recovery.scenarioId).toBe('recover-3-and-7');
    expect(recovery.changed.map((c) => c.id)).toEqual(['s3', 's7']);
    expect(recovery.changed[1].afterText).toBe('(0.95 + 0.05 × 0.6)');
    const unknown = presentingWalk(loadExample('courier.blueprint.json'), 'no-such-scenario');
    expect(unknown.recovery?.scenarioId).toBe('recover-3');
  });
});

describe('presentingWalk on the Chinese courier', () => {
  it('gives the same figures with the Chinese steps and scenario', () => {
    const english = presentingWalk(loadExample('courier.blueprint.json'));
    const walk = presentingWalk(loadExample('courier.zh.blueprint.json'));
    expect(walk.title).toBe('快递取件与派送服务');
    expect(walk.steps.map((s) => s.served)).toEqual(english.steps.map((s) => s.served));
    expect(walk.steps[2].label).toBe('客户填写相关单据');
    expect(walk.reliability.toFixed(3)).toBe('0.765');
    expect(walk.recovery?.scenarioName).toBe('步骤3的补救');
    expect(walk.recovery?.reliability.toFixed(3)).toBe('0.816');
    expect(walk.recovery?.delta.toFixed(3)).toBe('0.051');
    expect(((walk.recovery?.growth ?? 0) * 100).toFixed(2)).toBe('6.67');
  });
});

describe('presentingWalk on other blueprints', () => {
  it('ends at R when the blueprint has no scenario', () => {
    const walk = presentingWalk(
      blueprintOf(
        [
          { id: 'start', type: 'start' },
          { id: 'a', type: 'step', label: 'Take the order', reliability: 0.9 },
          { id: 'end', type: 'end' },
        ],
        [
          ['start', 'a'],
          ['a', 'end'],
        ],
      ),
    );
    expect(kinds(walk)).toEqual(['question', 'step 1', 'result']);
    expect(walk.recovery).toBeNull();
    expect(walk.oneIn).toBe(10);
  });

  it('writes a recovery of the baseline into its step and keeps the product exact', () => {
    const walk = presentingWalk(
      blueprintOf(
        [
          { id: 'start', type: 'start' },
          { id: 'a', type: 'step', reliability: 0.8, recovery: { catch: 0.5 } },
          { id: 'b', type: 'step', reliability: 0.95 },
          { id: 'end', type: 'end' },
        ],
        [
          ['start', 'a'],
          ['a', 'b'],
          ['b', 'end'],
        ],
      ),
    );
    expect(walk.inexact).toBeNull();
    expect(walk.steps.map((s) => s.text)).toEqual(['(0.80 + 0.20 × 0.5)', '0.95']);
    expect(walk.steps[0].served).toBeCloseTo(0.9, 12);
    expect(walk.steps[1].served).toBeCloseTo(0.855, 12);
  });

  it('walks every step of a blueprint with a failure route, from the start, and ends at the exact R', () => {
    const blueprint = loadExample('paint-360.blueprint.json');
    const walk = presentingWalk(blueprint);
    expect(walk.inexact).toBe('loops');
    expect(walk.steps.every((s) => s.served === null)).toBe(true);
    const steps = blueprint.model.nodes.filter((n) => n.type === 'step');
    expect(walk.steps.map((s) => s.id).sort()).toEqual(steps.map((n) => n.id).sort());
    expect(walk.steps[0].id).toBe('s1');
    expect(walk.reliability).toBe(new ExactSolution(blueprint.model).reliability);
    expect(kinds(walk).at(-3)).toBe('result');
  });

  it('shows no running product for a block needing one branch of two: its factor spans both', () => {
    const block = (k: number) =>
      presentingWalk(
        blueprintOf(
          [
            { id: 'start', type: 'start' },
            { id: 'p', type: 'parallel' },
            { id: 'a', type: 'step', reliability: 0.9 },
            { id: 'b', type: 'step', reliability: 0.8 },
            { id: 'j', type: 'join', k },
            { id: 'end', type: 'end' },
          ],
          [
            ['start', 'p'],
            ['p', 'a'],
            ['p', 'b'],
            ['a', 'j'],
            ['b', 'j'],
            ['j', 'end'],
          ],
        ),
      );
    const walk = block(1);
    expect(walk.formula).not.toBeNull();
    expect(walk.inexact).toBe('branches');
    expect(walk.steps.map((s) => [s.id, s.text, s.served])).toEqual([
      ['a', '0.90', null],
      ['b', '0.80', null],
    ]);
    expect(walk.reliability).toBeCloseTo(1 - 0.1 * 0.2, 12);
    // A block that needs every branch multiplies like a series: its product is exact.
    const all = block(2);
    expect(all.inexact).toBeNull();
    expect(all.steps.map((s) => s.served)).toEqual([0.9, 0.9 * 0.8]);
  });

  it('shows no running product for a blueprint with failure routes (no formula)', () => {
    const blueprint = loadExample('bank-loan.blueprint.json');
    const walk = presentingWalk(blueprint);
    expect(walk.formula).toBeNull();
    expect(walk.inexact).toBe('loops');
    expect(walk.reliability).toBe(new ExactSolution(blueprint.model).reliability);
  });

  it('keeps steps a decision skips out of a product: a step on one route only is not a factor', () => {
    const walk = presentingWalk(
      blueprintOf(
        [
          { id: 'start', type: 'start' },
          { id: 'a', type: 'step', reliability: 0.9 },
          { id: 'd', type: 'decision' },
          { id: 'b', type: 'step', reliability: 0.8 },
          { id: 'end', type: 'end' },
        ],
        [
          ['start', 'a'],
          ['a', 'd'],
          ['d', 'b', { probability: 0.5 }],
          ['d', 'end', { probability: 0.5 }],
          ['b', 'end'],
        ],
      ),
    );
    expect(walk.inexact).toBe('branches');
    expect(walk.steps.map((s) => s.id)).toEqual(['a', 'b']);
    expect(walk.reliability).toBeCloseTo(0.9 * (0.5 * 0.8 + 0.5), 12);
  });

  it('ends every series walk at the exact R', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (reliabilities) => {
          const nodes = [
            { id: 'start', type: 'start' },
            ...reliabilities.map((r, i) => ({ id: `s${i}`, type: 'step', reliability: r })),
            { id: 'end', type: 'end' },
          ];
          const ids = nodes.map((n) => n.id);
          const edges = ids.slice(1).map((id, i): [string, string] => [ids[i], id]);
          const walk = presentingWalk(blueprintOf(nodes, edges));
          expect(walk.inexact).toBeNull();
          expect(walk.steps).toHaveLength(reliabilities.length);
          expect(walk.steps.at(-1)?.served).toBeCloseTo(walk.reliability, 12);
          for (let i = 1; i < walk.steps.length; i++) {
            expect(walk.steps[i].served!).toBeLessThanOrEqual(walk.steps[i - 1].served!);
          }
        },
      ),
      { numRuns: 60, seed: 12 },
    );
  });
});

describe('presentingWalk on a very long chain', () => {
  it('walks 130,000 steps (more values than a spread into Math.min can take)', () => {
    const shape = chainShape(130_000);
    const built = buildModel(shape.input);
    if (!built.ok) throw new Error('The chain does not build.');
    const blueprint = { model: built.model, scenarios: [], document: { title: 'Long chain' } };
    const walk = presentingWalk(blueprint as unknown as Blueprint);
    expect(walk.steps).toHaveLength(130_000);
    expect(walk.range).toEqual({ lowest: 0.99999, highest: 0.99999 });
    expect(walk.reliability).toBeCloseTo(shape.expected, 12);
  });
});
