/**
 * `failpoint trace`, run the way users run it (the bundled command in a child process: two
 * spawns), and its mistakes and languages through `runTraceCommand` in this process.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runTraceCommand } from '../src/cli/trace';
import { parseBlueprint } from '../src/sim/parse';
import { runTrace } from '../src/sim/trace';
import { captureIO, spawnCli, tempFile } from './cli-run';

const COURIER = 'examples/courier.blueprint.json';
const APPLIANCE = 'examples/appliance-installation.blueprint.json';

const failpoint = (...args: string[]) => spawnCli(args);

/** Runs `failpoint trace` in this process and collects what it writes. */
async function traceHere(argv: string[], language: 'en' | 'zh' = 'en') {
  const { io, stdout, stderr } = captureIO({ language });
  const code = await runTraceCommand(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('failpoint trace', () => {
  it('walks 100,000 courier customers with seed 11: R within 3.3 standard errors of 0.76528', async () => {
    const { code, stdout, stderr } = await failpoint(
      'trace',
      COURIER,
      '--customers',
      '100000',
      '--seed',
      '11',
      '--json',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.customers).toBe(100_000);
    expect(result.seed).toBe(11);
    const se = Math.sqrt((0.76528 * (1 - 0.76528)) / 100_000);
    expect(Math.abs(result.successes / 100_000 - 0.76528) / se).toBeLessThan(3.3);
    expect(result.exactReliability).toBeCloseTo(0.76528, 5);
    expect(result.loopGuardStops).toBe(0);
    const failed = Object.values(result.failPoints as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    expect(failed + result.successes).toBe(100_000);
    // The command counts with the library's runner: the same seed gives the same customers.
    const parsed = parseBlueprint(readFileSync(COURIER, 'utf8'));
    if (!parsed.ok) throw new Error('the courier does not validate');
    const here = runTrace(parsed.blueprint.model, { customers: 100_000, seed: 11 });
    expect(result.successes).toBe(here.successes);
    expect(result.failPoints).toEqual(here.failPoints);
    expect(result.customersShown).toHaveLength(5);
    result.customersShown.forEach(
      (
        shown: { index: number; outcome: string; failPoint?: string; events: { kind: string }[] },
        i: number,
      ) => {
        expect(shown.index).toBe(i + 1);
        expect(shown.events[0]).toMatchObject({ kind: 'arrive', nodeId: 'start', at: 0 });
        expect(shown.events.at(-1)).toMatchObject({ kind: 'ended', outcome: shown.outcome });
        expect('failPoint' in shown).toBe(shown.outcome === 'failure');
        expect(shown.events).toEqual(here.shown[i].events);
      },
    );
  });

  it('prints the share against the exact R and the first customers’ paths, reworks marked', async () => {
    const { code, stdout, stderr } = await failpoint(
      'trace',
      APPLIANCE,
      '--customers',
      '100',
      '--seed',
      '9',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/trace of 100 customers, seed 9/);
    expect(stdout).toMatch(/Served +\d+ of 100 customers: 0\.\d{4} \(standard error 0\.\d{4}\)/);
    expect(stdout).toMatch(/Exact analysis +R = 0\.835331/);
    expect(stdout).toMatch(/^ {2}#1 {2}start → s1 → /m);
    // Customer 4 has the wrong unit picked at s3, swapped by the rework s3r, and is served.
    expect(stdout).toMatch(
      /^ {2}#4 {2}start → s1 → s2 → s3 ✗ → s3r → s4 .* → end {2}✓ served at "Air conditioner running"/m,
    );
    expect(stdout.match(/^ {2}#\d/gm)).toHaveLength(5);
  });
});

describe('failpoint trace in this process', () => {
  it('shows parallel branches and joins, and writes Chinese with --lang zh', async () => {
    const { code, stdout } = await traceHere(
      ['examples/bank-loan.blueprint.json', '--customers', '300', '--seed', '3'],
      'zh',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/300 位顾客的轨迹，种子 3/);
    expect(stdout).toMatch(/精确分析 +R = 0\.872893/);
    expect(stdout).toMatch(
      /p1 → \[ s3 \| s4 .*\| p2 → \[ s5 \| s6 \| s7 \] → j2 \(\d\/3，需要 2\)/,
    );
  });

  it('traces a scenario and counts recoveries', async () => {
    const { code, stdout } = await traceHere([
      COURIER,
      '--scenario',
      'recover-3',
      '--customers',
      '20000',
      '--seed',
      '2',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.scenario).toBe('recover-3');
    expect(result.exactReliability).toBeCloseTo(0.816299, 6);
    // Step 3 fails one customer in ten and its recovery catches 60 % of those.
    expect(Math.abs(result.recoveries.s3 / 20_000 - 0.06)).toBeLessThan(
      4.5 * Math.sqrt((0.06 * 0.94) / 20_000),
    );
  });

  it('refuses bad arguments with exit 2 and a blueprint with problems with exit 1', async () => {
    const few = await traceHere([COURIER, '--customers', '0']);
    expect(few.code).toBe(2);
    expect(few.stderr).toMatch(/--customers must be a whole number from 1 to 10,000,000/);
    const negative = await traceHere([COURIER, '--seed', '-3']);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(/--seed must be a whole number from 0/);
    const chinese = await traceHere([COURIER, '--customers', 'many'], 'zh');
    expect(chinese.stderr).toMatch(/--customers 必须是 1 到 10,000,000 之间的整数/);
    const scenario = await traceHere([COURIER, '--scenario', 'nope']);
    expect(scenario.code).toBe(2);
    expect(scenario.stderr).toMatch(/no scenario "nope"/);
    const missing = await traceHere(['no-such.blueprint.json']);
    expect(missing.code).toBe(2);
    const broken = tempFile(
      'broken.blueprint.json',
      JSON.stringify({ format: 'failpoint.blueprint', version: 1, nodes: [], edges: [] }),
    );
    const invalid = await traceHere([broken]);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toBe('');
  });
});
