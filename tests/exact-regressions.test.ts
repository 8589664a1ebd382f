/**
 * Blueprints that property tests once found wrong, pinned so they stay right.
 */
import { describe, expect, it } from 'vitest';
import { analyze, reliabilityWith, systemReliability } from '../src/sim/exact';
import type { ModelInput } from '../src/sim/model';
import {
  blueprint,
  decision,
  end,
  modelOf,
  start,
  step,
  withStep,
  type EdgeSpec,
} from './exact-fixtures';

/** Nested blocks with loops and reliabilities down to 1e-231, whose R once came out above 1. */
const NESTED_LOOPS: ModelInput = {
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'p1', type: 'parallel' },
    { id: 'j2', type: 'join', k: 1 },
    { id: 'd4', type: 'decision' },
    { id: 's6', type: 'step', reliability: 0.762, recovery: { catch: 0.29 } },
    { id: 's8', type: 'step', reliability: 0.298 },
    { id: 's11', type: 'step', reliability: 0.762 },
    { id: 's13', type: 'step', reliability: 1.573952320918194e-83 },
    { id: 'p15', type: 'parallel' },
    { id: 'j16', type: 'join', k: 2 },
    { id: 's20', type: 'step', reliability: 0.749, recovery: { catch: 0.12 } },
    { id: 's25', type: 'step', reliability: 0.98 },
    { id: 's27', type: 'step', reliability: 1.565034332544472e-231 },
    { id: 'd31', type: 'decision' },
    { id: 'p34', type: 'parallel' },
    { id: 'j35', type: 'join', k: 1 },
    { id: 's37', type: 'step', reliability: 0.866 },
    { id: 's41', type: 'step', reliability: 0.578 },
    { id: 's44', type: 'step', reliability: 0.938 },
    { id: 's48', type: 'step', reliability: 0.591 },
    { id: 's51', type: 'step', reliability: 0.976 },
    { id: 'd53', type: 'decision' },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e3', source: 'start', target: 'p1' },
    { id: 'e5', source: 'p1', target: 'd4' },
    { id: 'e7', source: 'd4', target: 's6', probability: 0.47058823529411764 },
    { id: 'e9', source: 'd4', target: 's8', probability: 0.5294117647058824 },
    { id: 'e10', source: 's8', target: 's8', kind: 'failure' },
    { id: 'e12', source: 's8', target: 's11' },
    { id: 'e14', source: 's11', target: 's13', kind: 'failure' },
    { id: 'e17', source: 's6', target: 'p15' },
    { id: 'e18', source: 's11', target: 'p15' },
    { id: 'e19', source: 's13', target: 'p15' },
    { id: 'e21', source: 'p15', target: 's20' },
    { id: 'e22', source: 's20', target: 'j16' },
    { id: 'e23', source: 'p15', target: 'j16' },
    { id: 'e24', source: 'p15', target: 'j16' },
    { id: 'e26', source: 'j16', target: 's25' },
    { id: 'e28', source: 's25', target: 's27', kind: 'failure' },
    { id: 'e29', source: 's25', target: 'j2' },
    { id: 'e30', source: 's27', target: 'j2' },
    { id: 'e32', source: 'p1', target: 'd31' },
    { id: 'e33', source: 'd31', target: 'd31', probability: 0.84 },
    { id: 'e36', source: 'd31', target: 'p34', probability: 0.16000000000000003 },
    { id: 'e38', source: 'p34', target: 's37' },
    { id: 'e39', source: 's37', target: 's37', kind: 'failure' },
    { id: 'e40', source: 's37', target: 'j35' },
    { id: 'e42', source: 'p34', target: 's41' },
    { id: 'e43', source: 's41', target: 's41', kind: 'failure' },
    { id: 'e45', source: 's41', target: 's44' },
    { id: 'e46', source: 's44', target: 'j35' },
    { id: 'e47', source: 'j35', target: 'j2' },
    { id: 'e49', source: 'p1', target: 's48' },
    { id: 'e50', source: 's48', target: 's48', kind: 'failure' },
    { id: 'e52', source: 's48', target: 's51' },
    { id: 'e54', source: 's51', target: 'd53' },
    { id: 'e55', source: 'd53', target: 'd53', probability: 0.25 },
    { id: 'e56', source: 'd53', target: 'j2', probability: 0.75 },
    { id: 'e57', source: 'j2', target: 'end' },
  ],
};

/** Two retried steps in a row; a what-if to r = 0 with a tiny catch rate once lost digits. */
const RETRIES: ModelInput = {
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'd1', type: 'decision' },
    { id: 's3', type: 'step', reliability: 0.257 },
    { id: 's6', type: 'step', reliability: 0.1 },
    { id: 's9', type: 'step', reliability: 0.804, recovery: { catch: 0.57 } },
    { id: 's11', type: 'step', reliability: 0.71 },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e2', source: 'start', target: 'd1' },
    { id: 'e4', source: 'd1', target: 's3', probability: 0.5 },
    { id: 'e5', source: 's3', target: 's3', kind: 'failure' },
    { id: 'e7', source: 's3', target: 's6' },
    { id: 'e8', source: 's6', target: 's6', kind: 'failure' },
    { id: 'e10', source: 's6', target: 's9' },
    { id: 'e12', source: 's9', target: 's11', kind: 'failure' },
    { id: 'e13', source: 's9', target: 'end' },
    { id: 'e14', source: 's11', target: 'end' },
    { id: 'e15', source: 'd1', target: 'end', probability: 0.5 },
  ],
};

/**
 * A loop through a 1-of-4 block that almost never fails; with s45 at 0 the customers leave it
 * only through that rare failure, and an update formula once lost digits to 1/leaving.
 */
const RARE_EXIT: ModelInput = {
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'p1', type: 'parallel' },
    { id: 'j2', type: 'join', k: 1 },
    { id: 's4', type: 'step', reliability: 0.98 },
    { id: 'p7', type: 'parallel' },
    { id: 'j8', type: 'join', k: 1 },
    { id: 's10', type: 'step', reliability: 1 },
    { id: 's12', type: 'step', reliability: 1, recovery: { catch: 0.88 } },
    { id: 's14', type: 'step', reliability: 0.755 },
    { id: 's18', type: 'step', reliability: 0.318 },
    { id: 's21', type: 'step', reliability: 0.573 },
    { id: 's25', type: 'step', reliability: 0.804, recovery: { catch: 0.34 } },
    { id: 's28', type: 'step', reliability: 0.897 },
    { id: 's30', type: 'step', reliability: 0.99 },
    { id: 's34', type: 'step', reliability: 0.711, recovery: { catch: 0.26 } },
    { id: 's36', type: 'step', reliability: 0.916 },
    { id: 's38', type: 'step', reliability: 2.4894231564345315e-290, recovery: { catch: 0.02 } },
    { id: 's41', type: 'step', reliability: 0.996 },
    { id: 's45', type: 'step', reliability: 0.1 },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e3', source: 'start', target: 'p1' },
    { id: 'e5', source: 'p1', target: 's4' },
    { id: 'e6', source: 's4', target: 's4', kind: 'failure' },
    { id: 'e9', source: 's4', target: 'p7' },
    { id: 'e11', source: 'p7', target: 's10' },
    { id: 'e13', source: 's10', target: 's12' },
    { id: 'e15', source: 's12', target: 's14', kind: 'failure' },
    { id: 'e16', source: 's12', target: 'j8' },
    { id: 'e17', source: 's14', target: 'j8' },
    { id: 'e19', source: 'p7', target: 's18' },
    { id: 'e20', source: 's18', target: 's18', kind: 'failure' },
    { id: 'e22', source: 's18', target: 's21' },
    { id: 'e23', source: 's21', target: 's18', kind: 'failure' },
    { id: 'e24', source: 's21', target: 'j8' },
    { id: 'e26', source: 'j8', target: 's25' },
    { id: 'e27', source: 's25', target: 'j2' },
    { id: 'e29', source: 'p1', target: 's28' },
    { id: 'e31', source: 's28', target: 's30', kind: 'failure' },
    { id: 'e32', source: 's28', target: 'j2' },
    { id: 'e33', source: 's30', target: 'j2' },
    { id: 'e35', source: 'p1', target: 's34' },
    { id: 'e37', source: 's34', target: 's36', kind: 'failure' },
    { id: 'e39', source: 's34', target: 's38' },
    { id: 'e40', source: 's36', target: 's38' },
    { id: 'e42', source: 's38', target: 's41', kind: 'failure' },
    { id: 'e43', source: 's38', target: 'j2' },
    { id: 'e44', source: 's41', target: 'j2' },
    { id: 'e46', source: 'j2', target: 's45' },
    { id: 'e47', source: 's45', target: 'p1', kind: 'failure' },
    { id: 'e48', source: 's45', target: 'end' },
  ],
};

/** Holds `actual` within 1e-12 of `expected`. */
function near(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12);
}

/**
 * R of `input` with `change` made to step `id`, solved again in full; the quick what-if
 * (`reliabilityWith`) must agree with it to 1e-12.
 */
function whatIfAgrees(
  input: ModelInput,
  id: string,
  change: { reliability: number; catchRate: number },
): number {
  const full = systemReliability(modelOf(withStep(input, id, change)));
  near(reliabilityWith(modelOf(input), id, change), full);
  return full;
}

describe('pinned regressions', () => {
  it('solves a what-if again when it leaves a loop almost impossible to leave', () => {
    expect(whatIfAgrees(RARE_EXIT, 's45', { reliability: 0, catchRate: 0 })).toBe(0);
  });

  it('never reports R above 1', () => {
    const analysis = analyze(modelOf(NESTED_LOOPS));
    expect(analysis.reliability).toBeLessThanOrEqual(1);
    near(analysis.reliability + analysis.failureProbability, 1);
  });

  it('keeps a what-if exact when a retried step nearly never passes', () => {
    const full = whatIfAgrees(RETRIES, 's3', { reliability: 0, catchRate: 1.838718288182939e-7 });
    // Retrying until it passes, s3 does not change R at all.
    near(full, systemReliability(modelOf(RETRIES)));
  });

  it('solves a 2,000-step rework loop in closed form', () => {
    const nodes = [
      start(),
      ...Array.from({ length: 2000 }, (_, i) => step(`s${i + 1}`, 0.9999)),
      decision('d'),
      end(),
    ];
    const edges: EdgeSpec[] = [['start', 's1']];
    for (let i = 1; i < 2000; i++) edges.push([`s${i}`, `s${i + 1}`]);
    edges.push(['s2000', 'd'], ['d', 's1', { p: 0.1 }], ['d', 'end', { p: 0.9 }]);
    const analysis = analyze(modelOf(blueprint(nodes, edges)));
    const pass = 0.9999 ** 2000;
    near(analysis.reliability, (0.9 * pass) / (1 - 0.1 * pass));
    const last = analysis.nodes.find((n) => n.id === 's2000')!;
    near(last.expectedVisits, 0.9999 ** 1999 / (1 - 0.1 * pass));
    near(last.visitProbability, 0.9999 ** 1999);
  });

  it('lets a what-if out of a loop through a way out the step takes very rarely (seed -686681205)', () => {
    // s11 now always fails and its failure edge leads back to s8; it still passes with a
    // probability of 5.6e-17 through a recovery, and d14 then leaves the big loop. Every
    // customer gets out in the end, as the full analysis says; the what-if once called them
    // stuck.
    const input: ModelInput = {
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'd1', type: 'decision' },
        { id: 's3', type: 'step', reliability: 0.1 },
        { id: 'd6', type: 'decision' },
        { id: 's8', type: 'step', reliability: 0.1 },
        { id: 's11', type: 'step', reliability: 0.1 },
        { id: 'd14', type: 'decision' },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'e2', source: 'start', target: 'd1' },
        { id: 'e4', source: 'd1', target: 's3', probability: 0.5 },
        { id: 'e5', source: 's3', target: 's3', kind: 'failure' },
        { id: 'e7', source: 's3', target: 'd6' },
        { id: 'e9', source: 'd6', target: 's8', probability: 0.5 },
        { id: 'e10', source: 's8', target: 's8', kind: 'failure' },
        { id: 'e12', source: 's8', target: 's11' },
        { id: 'e13', source: 's11', target: 's8', kind: 'failure' },
        { id: 'e15', source: 'd6', target: 'd14', probability: 0.5 },
        { id: 'e16', source: 's11', target: 'd14' },
        { id: 'e17', source: 'd14', target: 'd6', probability: 0.01 },
        { id: 'e18', source: 'd1', target: 'end', probability: 0.5 },
        { id: 'e19', source: 'd14', target: 'end', probability: 0.99 },
      ],
    };
    const change = { reliability: 0, catchRate: 5.551115123125784e-17 };
    expect(whatIfAgrees(input, 's11', change)).toBe(1);
  });
});
