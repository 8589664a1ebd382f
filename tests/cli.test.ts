import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as Cli from '../src/cli/main';
import { spawnCli } from './cli-run';

const COURIER = 'examples/courier.blueprint.json';

type Run = Awaited<ReturnType<typeof spawnCli>>;

/** Runs the built command line in a child process, exactly as `npx failpoint` does. */
const spawnFailpoint = (...args: string[]): Promise<Run> => spawnCli(args);

// The same bundle that bin/failpoint.mjs loads (tests/global-setup.ts builds it).
const { main } = (await import(
  pathToFileURL(resolve(import.meta.dirname, '../dist/cli.mjs')).href
)) as typeof Cli;

/**
 * Runs the built command line's `main` in this process, with standard output and error
 * captured: a child process costs about 2.5 s, most of it loading mathjs, so only the checks
 * in `viaBinary` pay for one.
 */
async function failpoint(...args: string[]): Promise<Run> {
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

// The checks that go through the real binary (exit code, standard streams, a missing file),
// started together when the file loads so their start-ups overlap.
const viaBinary = {
  analyze: spawnFailpoint('analyze', COURIER),
  unknownScenario: spawnFailpoint('analyze', COURIER, '--scenario', 'nope'),
  missing: spawnFailpoint('analyze', 'no/such/file.blueprint.json'),
};

function scratchFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'failpoint-cli-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('failpoint analyze', () => {
  it('prints the courier reliability of the seed, 0.765', async () => {
    const { code, stdout, stderr } = await viaBinary.analyze;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('R = 0.765');
    expect(stdout).toContain('0.765280');
    // Step 3 (0.90) is the largest fail point of the courier.
    const firstFailPoint = stdout.split('\n').find((line) => /^\s+1\s+s\w+/.test(line));
    expect(firstFailPoint).toMatch(/\bs3\b/);
  });

  it('prints the keys of the specification with --json', async () => {
    const { code, stdout } = await failpoint('analyze', COURIER, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.reliability).toBeCloseTo(0.7652798, 6);
    for (const key of ['failPoints', 'expectedVisits', 'importance', 'improvementPotential']) {
      expect(typeof json[key]).toBe('object');
    }
    // Every step visited once, so ∂R/∂r_3 = R / r_3 and R(r_3 = 1) − R = R (1 / 0.9 − 1).
    const r = json.reliability;
    expect(json.importance.s3).toBeCloseTo(r / 0.9, 12);
    expect(json.improvementPotential.s3).toBeCloseTo(r / 0.9 - r, 12);
    // A customer fails at step 3 after passing steps 1 and 2.
    expect(json.failPoints.s3).toBeCloseTo(0.99 * 0.98 * 0.1, 12);
    expect(json.expectedVisits.s1).toBeCloseTo(1, 12);
  });

  it('analyzes a scenario', async () => {
    const { code, stdout } = await failpoint(
      'analyze',
      COURIER,
      '--scenario',
      'recover-3',
      '--json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).reliability).toBeCloseTo(0.816299, 6);
  });

  it('writes the formula with its numbers under the formula, and a scenario changes its factor', async () => {
    const { stdout } = await viaBinary.analyze;
    const lines = stdout.split('\n');
    const formula = lines.indexOf('  R = r1·r2·r3·r4·r5·r6·r7·r8·r9·r10');
    expect(formula).toBeGreaterThan(0);
    expect(lines[formula + 1]).toBe(
      '    = 0.99 × 0.98 × 0.90 × 0.98 × 0.98 × 0.99 × 0.95 × 0.99 × 0.99 × 0.99 = 0.765',
    );
    const scenario = await failpoint('analyze', COURIER, '--scenario', 'recover-3');
    expect(scenario.code).toBe(0);
    expect(scenario.stdout).toContain(
      '    = 0.99 × 0.98 × (0.90 + 0.10 × 0.6) × 0.98 × 0.98 × 0.99 × 0.95 × 0.99 × 0.99 × 0.99 = 0.816\n',
    );
    const json = JSON.parse(
      (await failpoint('analyze', COURIER, '--scenario', 'recover-3', '--json')).stdout,
    );
    expect(json.formula).toBe('r1·r2·(r3 + (1 − r3)·c3)·r4·r5·r6·r7·r8·r9·r10');
    expect(json.formulaWithNumbers.valueText).toBe('0.816');
    expect(json.formulaWithNumbers.factors).toHaveLength(10);
    expect(json.formulaWithNumbers.factors[2]).toMatchObject({
      text: '(0.90 + 0.10 × 0.6)',
      nodeIds: ['s3'],
      changed: true,
    });
    expect(json.formulaWithNumbers.factors[2].value).toBeCloseTo(0.96, 14);
    expect(
      json.formulaWithNumbers.factors.filter((f: { changed: boolean }) => f.changed),
    ).toHaveLength(1);
  });

  it('refuses an unknown scenario with exit code 2 and names it', async () => {
    const { code, stdout, stderr } = await viaBinary.unknownScenario;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('"nope"');
    expect(stderr).toContain('"recover-3"');
  });
});

describe('failpoint compare', () => {
  it("prints the seed's row for step 3, baseline first", async () => {
    const { code, stdout } = await failpoint('compare', COURIER);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const baseline = lines.findIndex((l) => /Baseline/.test(l));
    const step3 = lines.findIndex((l) => /Recover step 3\b/.test(l));
    expect(baseline).toBeGreaterThan(0);
    expect(step3).toBeGreaterThan(baseline);
    expect(lines[baseline]).toContain('0.765');
    expect(lines[step3]).toMatch(/0\.816\s+\+0\.051\s+\+6\.67 %/);
    expect(stdout).toMatch(/Recover step 7/);
    expect(stdout).toMatch(/Recover steps 3 and 7/);
  });

  it('prints scenarios with their figures as JSON', async () => {
    const { code, stdout } = await failpoint('compare', COURIER, '--json');
    expect(code).toBe(0);
    const { scenarios } = JSON.parse(stdout);
    expect(scenarios.map((s: { id: string }) => s.id)).toEqual([
      'baseline',
      'recover-3',
      'recover-7',
      'recover-3-and-7',
    ]);
    expect(scenarios[1].reliability).toBeCloseTo(0.816299, 6);
    expect(scenarios[1].delta).toBeCloseTo(0.051019, 6);
    expect(scenarios[1].growth).toBeCloseTo(0.96 / 0.9 - 1, 12);
    for (const s of scenarios)
      expect(Object.keys(s)).toEqual(
        expect.arrayContaining(['id', 'name', 'reliability', 'delta', 'growth']),
      );
  });
});

describe('failpoint validate and exit codes', () => {
  it('accepts every example', async () => {
    for (const example of [
      'courier',
      'courier.zh',
      'appliance-installation',
      'bank-loan',
      'paint-360',
    ]) {
      const { code, stdout } = await failpoint('validate', `examples/${example}.blueprint.json`);
      expect(code, example).toBe(0);
      expect(stdout).toContain('is a valid blueprint');
    }
  });

  it('exits with 1 and names the node when the blueprint has problems', async () => {
    const path = scratchFile(
      'bad.blueprint.json',
      JSON.stringify({
        format: 'failpoint.blueprint',
        version: 1,
        nodes: [
          { id: 'start', type: 'start' },
          { id: 's1', type: 'step', reliability: 1.5 },
          { id: 'end', type: 'end' },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 's1' },
          { id: 'e2', source: 's1', target: 'end' },
        ],
      }),
    );
    for (const command of ['validate', 'analyze', 'compare']) {
      const { code, stderr } = await failpoint(command, path);
      expect(code, command).toBe(1);
      expect(stderr).toContain('BP011');
      expect(stderr).toContain('"s1"');
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('exits with 2 when the file is missing or not JSON', async () => {
    const missing = await viaBinary.missing;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const notJson = await failpoint('analyze', scratchFile('x.blueprint.json', '{ "format": '));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('BP001');
  });

  it('exits with 2 on wrong arguments', async () => {
    expect((await failpoint('analyze')).code).toBe(2);
    expect((await failpoint('frobnicate', COURIER)).code).toBe(2);
    const unknown = await failpoint('analyze', COURIER, '--colour');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--colour');
    expect((await failpoint('help')).code).toBe(0);
  });

  it('lists problems as JSON with validate --json', async () => {
    const path = scratchFile(
      'loop.blueprint.json',
      '{"format":"failpoint.blueprint","version":99,"nodes":[],"edges":[]}',
    );
    const { code, stdout } = await failpoint('validate', path, '--json');
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.valid).toBe(false);
    expect(json.problems.map((p: { code: string }) => p.code)).toContain('BP003');
  });
});
