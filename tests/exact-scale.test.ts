/**
 * The exact analysis at the sizes people reach: long rework loops, wide k-of-n blocks and
 * deeply nested blocks are analysed with R equal to its closed form, and the command line prints
 * figures for them, never an internal error. How long they take is logged here and measured by
 * `npm run bench`, not asserted: a shared machine makes timed tests fail for no fault.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  binomialPoint,
  binomialTail,
  chainShape,
  kOfNShape,
  nestedShape,
  reworkLoopShape,
  type Shape,
} from '../bench/shapes';
import type * as Cli from '../src/cli/main';
import { analyze, ExactSolution, reliabilityFormula } from '../src/sim/exact';
import { blockOutcome, branchLeverages } from '../src/sim/exact/kofn';
import { eliminationPattern } from '../src/sim/exact/markov';
import type { Model } from '../src/sim/model';
import { buildModel } from '../src/sim/structure';

function modelOf(shape: Shape): Model {
  const built = buildModel(shape.input);
  if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join(' '));
  return built.model;
}

/** Builds and analyses a shape, returning the analysis and the seconds both took. */
function timedAnalysis(shape: Shape, what: string) {
  const t0 = performance.now();
  const model = modelOf(shape);
  const analysis = analyze(model);
  const seconds = (performance.now() - t0) / 1000;
  console.log(`${what}: ${shape.nodes} nodes built and analysed in ${seconds.toFixed(2)} s`);
  return { model, analysis, seconds };
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('exact analysis at scale', () => {
  it('analyses a 2,000-step rework loop, with R of its closed form', () => {
    const shape = reworkLoopShape(2000, { reliability: 0.9999, exit: 0.3 });
    const { analysis } = timedAnalysis(shape, '2,000-step rework loop');
    expect(relativeError(analysis.reliability, shape.expected)).toBeLessThan(1e-12);
    // The failure probability is summed from the failures, not taken as 1 − R.
    const pass = 0.9999 ** 2000;
    const failure = (1 - pass) / (1 - pass * 0.7);
    expect(relativeError(analysis.failureProbability, failure)).toBeLessThan(1e-11);
    // The check runs 1 / (1 − p·0.7) times on average.
    const check = analysis.nodes.find((n) => n.id === 'check')!;
    expect(relativeError(check.expectedVisits, pass / (1 - pass * 0.7))).toBeLessThan(1e-12);
  });

  it('gives a rework loop with short back edges the importance of a full re-analysis', () => {
    const shape = reworkLoopShape(600, { reworkEvery: 7 });
    const { model, analysis } = timedAnalysis(shape, '600-step loop with back edges');
    // Pick steps with and without a recovery, and compare the rank-one updates with a
    // re-analysis of a changed model.
    for (const id of ['s6', 's300', 's599']) {
      const step = analysis.steps.find((s) => s.id === id)!;
      const changed = modelOf({
        ...shape,
        input: {
          ...shape.input,
          nodes: shape.input.nodes.map((n) => (n.id === id ? { ...n, reliability: 1 } : n)),
        },
      });
      const again = new ExactSolution(changed).reliability - analysis.reliability;
      expect(Math.abs(step.improvementPotential - again)).toBeLessThan(1e-13);
      const visit = analysis.nodes[model.indexOf.get(id)!];
      expect(visit.visitProbability).toBeGreaterThan(0.99);
      expect(visit.expectedVisits).toBeGreaterThan(visit.visitProbability);
    }
  });

  it('analyses a 30,000-step rework loop', () => {
    const shape = reworkLoopShape(30_000, { reworkEvery: 10 });
    const { analysis } = timedAnalysis(shape, '30,000-step loop with back edges');
    expect(analysis.reliability).toBeGreaterThan(0);
    expect(analysis.reliability + analysis.failureProbability).toBeCloseTo(1, 12);
    const plain = reworkLoopShape(30_000, { exit: 0.5 });
    const again = timedAnalysis(plain, '30,000-step rework loop');
    expect(relativeError(again.analysis.reliability, plain.expected)).toBeLessThan(1e-12);
  });

  it('analyses a 2,000-branch k-of-n block, with R of the binomial tail', () => {
    const shape = kOfNShape(2000, 1000, 0.5005);
    const { analysis } = timedAnalysis(shape, '2,000-branch 1,000-of-n block');
    expect(relativeError(analysis.reliability, binomialTail(2000, 1000, 0.5005))).toBeLessThan(
      1e-11,
    );
    // Birnbaum importance of a branch step is the pivotal probability C(1999, 999) p^999 q^1000.
    const pivotal = binomialPoint(1999, 999, 0.5005);
    for (const step of [analysis.steps[0], analysis.steps[1999]]) {
      expect(relativeError(step.birnbaumImportance, pivotal)).toBeLessThan(1e-9);
    }
    const most = kOfNShape(2000, 1990, 0.999);
    const wide = timedAnalysis(most, '2,000-branch 1,990-of-n block');
    expect(relativeError(wide.analysis.reliability, most.expected)).toBeLessThan(1e-12);
  });

  it('analyses 2,000 nested parallel blocks, R multiplying level by level', () => {
    const shape = nestedShape(2000, 0.9999);
    const { model, analysis } = timedAnalysis(shape, '2,000 nested blocks');
    expect(model.blocks).toHaveLength(2000);
    expect(Math.max(...model.blocks.map((b) => b.depth))).toBe(1999);
    expect(relativeError(analysis.reliability, shape.expected)).toBeLessThan(1e-12);
    // Every step is needed: its importance is R / r, and making it perfect adds R (1 − r) / r.
    for (const step of analysis.steps) {
      expect(relativeError(step.birnbaumImportance, shape.expected / 0.9999)).toBeLessThan(1e-11);
      expect(
        relativeError(step.improvementPotential, (shape.expected * 0.0001) / 0.9999),
      ).toBeLessThan(1e-9);
    }
  });

  it('writes the formula of shallow nesting and gives up, without a stack overflow, on deep', () => {
    expect(reliabilityFormula(modelOf(nestedShape(10)))).toBe(
      Array.from({ length: 11 }, (_, i) => `r${i + 1}`).join('·'),
    );
    expect(reliabilityFormula(modelOf(nestedShape(2000)))).toBeNull();
  });

  it('keeps a long chain exact', () => {
    const shape = chainShape(20_000, 0.99999);
    const { analysis } = timedAnalysis(shape, '20,000-step chain');
    expect(relativeError(analysis.reliability, shape.expected)).toBeLessThan(1e-12);
  });
});

describe('the building blocks', () => {
  it.each([
    [[0.9, 0.5, 0.99, 0.2, 0.7, 0.95, 0.6]],
    [[0.8]],
    [[0.8, 0.3]],
    // Many branches: the halving nests six deep, past what the blocks before it needed.
    [Array.from({ length: 37 }, (_, i) => 0.5 + 0.49 * Math.sin(i))],
  ])(
    'tallies a k-of-n block either way round to the same figures as the full distribution (%#)',
    (beta) => {
      const phi = beta.map((b) => 1 - b);
      const n = beta.length;
      // Full Poisson-binomial distribution, the plain O(n²) way.
      const full = (skip: number) => {
        const counts = new Float64Array(n + 1);
        counts[0] = 1;
        for (let b = 0; b < n; b++) {
          if (b === skip) continue;
          for (let j = n; j >= 1; j--) counts[j] = counts[j] * phi[b] + counts[j - 1] * beta[b];
          counts[0] *= phi[b];
        }
        return counts;
      };
      const sum = (counts: Float64Array, from: number, to: number) =>
        counts.slice(Math.max(0, from), Math.max(0, to)).reduce((a, c) => a + c, 0);
      for (let k = 1; k <= n; k++) {
        const outcome = blockOutcome(beta, phi, k);
        const all = full(-1);
        expect(outcome.pass).toBeCloseTo(sum(all, k, n + 1), 14);
        expect(outcome.fail).toBeCloseTo(sum(all, 0, k), 14);
        branchLeverages(beta, phi, k).forEach((leverage, branch) => {
          const others = full(branch);
          expect(leverage.pivotal).toBeCloseTo(others[k - 1], 14);
          expect(leverage.passIfSucceeds).toBeCloseTo(sum(others, k - 1, n + 1), 14);
          expect(leverage.passIfFails).toBeCloseTo(sum(others, k, n + 1), 14);
          expect(leverage.failIfSucceeds).toBeCloseTo(sum(others, 0, k - 1), 14);
          expect(leverage.failIfFails).toBeCloseTo(sum(others, 0, k), 14);
        });
        // The same block listed among other blocks' branches: the very same figures.
        const around = (values: number[]) => [0.31, 0.47, ...values, 0.83];
        expect(blockOutcome(around(beta), around(phi), k, 2, n)).toEqual(outcome);
        expect(branchLeverages(around(beta), around(phi), k, 2, n)).toEqual(
          branchLeverages(beta, phi, k),
        );
      }
    },
  );

  it('eliminates a loop with back edges to its start with O(1) fill per state', () => {
    // A chain of 10,000 states, each with a back edge to state 0.
    const size = 10_000;
    const links: number[] = [];
    for (let i = 0; i + 1 < size; i++) links.push(i, i + 1);
    for (let i = 1; i < size; i++) links.push(i, 0);
    const pattern = eliminationPattern(size, links)!;
    expect(pattern.neighbour.length).toBeLessThan(4 * size);
    expect(pattern.fillTarget.length).toBeLessThan(10 * size);
  });

  it('shares one pattern among all loops of one state, and among all linked pairs', () => {
    const single = eliminationPattern(1, [0, 0])!;
    expect(eliminationPattern(1, [])).toBe(single);
    expect(single).toEqual({
      size: 1,
      order: Int32Array.of(0),
      stepOf: Int32Array.of(0),
      start: Int32Array.of(0, 0),
      neighbour: new Int32Array(0),
      fillStart: Float64Array.of(0, 0),
      fillTarget: new Int32Array(0),
    });
    // Two states linked one way, the other or both: eliminate 0 first, its one neighbour 1.
    const pair = eliminationPattern(2, [0, 1, 1, 0])!;
    expect(eliminationPattern(2, [1, 0])).toBe(pair);
    expect(eliminationPattern(2, [0, 0, 0, 1])).toBe(pair);
    expect([...pair.order, ...pair.neighbour, ...pair.start]).toEqual([0, 1, 1, 0, 1, 1]);
    // Two states not linked are another shape, worked out on their own.
    const apart = eliminationPattern(2, [0, 0])!;
    expect(apart).not.toBe(pair);
    expect(apart.neighbour.length).toBe(0);
  });

  it('shares the pattern of a small loop among the loops of its shape', () => {
    // A rework loop of four states with a back edge from the last to the first.
    const links = [0, 1, 1, 2, 2, 3, 3, 0];
    const loop = eliminationPattern(4, links)!;
    expect(eliminationPattern(4, [...links])).toBe(loop);
    // A self-transition plays no part: the same pattern, worked out on its own.
    const withRetry = eliminationPattern(4, [...links, 2, 2])!;
    expect(withRetry).not.toBe(loop);
    expect(withRetry).toEqual(loop);
    // Another shape has a pattern of its own.
    const chord = eliminationPattern(4, [...links, 0, 2])!;
    expect(chord).not.toEqual(loop);
  });

  it('refuses a component whose elimination would exceed the work allowed', () => {
    // A complete graph on 60 states needs Σ d(d − 1) ≈ 70,000 pair updates.
    const links: number[] = [];
    for (let i = 0; i < 60; i++) for (let j = 0; j < 60; j++) if (i !== j) links.push(i, j);
    expect(eliminationPattern(60, links, 10_000)).toBeNull();
    expect(eliminationPattern(60, links)).not.toBeNull();
  });
});

// The same bundle that bin/failpoint.mjs loads (tests/global-setup.ts builds it).
const { main } = (await import(
  pathToFileURL(resolve(import.meta.dirname, '../dist/cli.mjs')).href
)) as typeof Cli;

async function failpoint(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(
    args,
    {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      isTTY: false,
      readFile: (path) => readFile(path, 'utf8'),
    },
    process.env,
  );
  return { code, stdout, stderr };
}

function blueprintFile(name: string, shape: Shape): string {
  const dir = mkdtempSync(join(tmpdir(), 'failpoint-scale-'));
  const path = join(dir, `${name}.blueprint.json`);
  writeFileSync(
    path,
    JSON.stringify({ format: 'failpoint.blueprint', version: 1, title: name, ...shape.input }),
  );
  return path;
}

describe('failpoint analyze at scale', () => {
  it.each([
    ['nested', nestedShape(2000)],
    ['loop', reworkLoopShape(2000)],
    ['wide', kOfNShape(2000, 1990)],
  ])('prints the figures of %s, never an internal error', async (name, shape) => {
    const { code, stdout, stderr } = await failpoint(
      'analyze',
      blueprintFile(name, shape),
      '--json',
    );
    expect(stderr).not.toMatch(/internal error|stack|Maximum call/i);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { reliability: number };
    expect(relativeError(printed.reliability, shape.expected)).toBeLessThan(1e-12);
  });

  it('refuses a loop too interlinked to solve with BP028, naming a node on it', async () => {
    const file = resolve(
      import.meta.dirname,
      'fixtures/broken/BP028-beyond-exact-analysis.blueprint.json',
    );
    const t0 = performance.now();
    const { code, stdout, stderr } = await failpoint('analyze', file);
    const seconds = (performance.now() - t0) / 1000;
    console.log(`900-decision random loop refused in ${seconds.toFixed(2)} s`);
    expect(stdout + stderr).toMatch(/BP028/);
    expect(stdout + stderr).toMatch(/"d899".*900 nodes/);
    expect(stdout + stderr).not.toMatch(/internal error/i);
    expect(code).toBe(1);
  });
});
