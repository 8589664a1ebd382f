/**
 * `failpoint simulate`, run the way users run it (the bundled command in a child process), plus
 * the progress bar through `runSimulate` with a terminal-like output.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSimulateArguments, runSimulate } from '../src/cli/simulate';
import { captureIO, spawnCli, tempFile } from './cli-run';

const COURIER = 'examples/courier.blueprint.json';

const failpoint = (...args: string[]) => spawnCli(args);

describe('failpoint simulate', () => {
  it('reproduces R = 0.76528 with the same successes on one worker and on two', async () => {
    const args = ['simulate', COURIER, '--trials', '1000000', '--seed', '42', '--json'];
    const [byOne, byTwo] = await Promise.all([
      failpoint(...args, '--workers', '1'),
      failpoint(...args, '--workers', '2'),
    ]);
    expect(byOne.code).toBe(0);
    expect(byTwo.code).toBe(0);
    const a = JSON.parse(byOne.stdout);
    const b = JSON.parse(byTwo.stdout);
    for (const key of [
      'trials',
      'successes',
      'reliability',
      'ci95',
      'seed',
      'trialsPerSecond',
      'failPoints',
    ]) {
      expect(a).toHaveProperty(key);
    }
    expect(a.trials).toBe(1_000_000);
    expect(a.seed).toBe(42);
    expect(b.successes).toBe(a.successes);
    expect(b.failPoints).toEqual(a.failPoints);
    expect(a.reliability).toBe(a.successes / a.trials);
    const [low, high] = a.ci95;
    expect(low).toBeLessThan(0.76528);
    expect(high).toBeGreaterThan(0.76528);
    const failed = Object.values(a.failPoints as Record<string, number>).reduce((x, y) => x + y, 0);
    expect(failed + a.successes).toBe(a.trials);
    expect(a.time.p50).toBeGreaterThan(0);
    expect(a.workers).toBe(1);
    expect(b.workers).toBe(2);
  });

  it('prints a readable summary with the seed, fail points and percentiles', async () => {
    const { code, stdout, stderr } = await failpoint('simulate', COURIER, '--trials', '200000');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/R = 0\.76\d\d/);
    expect(stdout).toMatch(/seed 1\b/);
    expect(stdout).toMatch(/200,000 in/);
    expect(stdout).toMatch(/s3 +Customer fills in the waybill/);
    expect(stdout).toMatch(/time \(minutes\)/);
    expect(stdout).not.toContain('\r');
  });

  it('--reliability-only samples no durations or costs, says so, and R stays right', async () => {
    const args = ['simulate', COURIER, '--trials', '200000', '--seed', '5'];
    const [only, full, text] = await Promise.all([
      failpoint(...args, '--reliability-only', '--json'),
      failpoint(...args, '--json'),
      failpoint(...args, '--reliability-only'),
    ]);
    expect(only.code).toBe(0);
    const a = JSON.parse(only.stdout);
    const b = JSON.parse(full.stdout);
    expect(a.reliabilityOnly).toBe(true);
    expect(b.reliabilityOnly).toBe(false);
    expect(a.time).toBeNull();
    expect(a.cost).toBeNull();
    expect(b.time.mean).toBeGreaterThan(0);
    expect(b.cost.mean).toBeGreaterThan(0);
    expect(a.ci95[0]).toBeLessThan(0.76528);
    expect(a.ci95[1]).toBeGreaterThan(0.76528);
    expect(a.failPointRanking[0].id).toBe('s3');
    expect(text.stdout).toMatch(/Time and cost +not sampled \(--reliability-only\)/);
    expect(text.stdout).not.toMatch(/time \(minutes\)/);
    expect(full.stdout).not.toMatch(/not sampled/);
  });

  it('refuses a bad argument with a sentence, exit code 2 and no stack trace', async () => {
    const { code, stdout, stderr } = await failpoint('simulate', COURIER, '--trials', '-5');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^failpoint: --trials must be a whole number from 1/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('runSimulate on a terminal', () => {
  function terminal(isTTY: boolean) {
    const { io, stdout, stderr } = captureIO({ isTTY, columns: 100 });
    return { io, out: stdout, err: stderr };
  }

  it('draws a progress bar, then clears it before the summary', async () => {
    const { io, out, err } = terminal(true);
    const code = await runSimulate([COURIER, '--trials', '2000000', '--workers', '1'], io);
    expect(code).toBe(0);
    expect(err()).toBe('');
    expect(out()).toMatch(/\r\[█*░*\] +\d+ %/);
    expect(out()).toMatch(/trials\/s/);
    const summary = out().slice(out().lastIndexOf('\x1b[K') + 3);
    expect(summary).toMatch(/^Courier pickup and delivery — Monte Carlo/);
  });

  it('keeps --json output clean on a terminal', async () => {
    const { io, out } = terminal(true);
    const code = await runSimulate([COURIER, '--trials', '300000', '--json'], io);
    expect(code).toBe(0);
    expect(JSON.parse(out()).trials).toBe(300_000);
  });

  it('runs a scenario to a precision', async () => {
    const { io, out } = terminal(false);
    const code = await runSimulate(
      [COURIER, '--scenario', 'recover-3', '--precision', '0.002', '--json'],
      io,
    );
    expect(code).toBe(0);
    const result = JSON.parse(out());
    expect(result.scenario).toBe('recover-3');
    expect(result.precisionReached).toBe(true);
    expect(result.halfWidth).toBeLessThan(0.002);
    expect(result.ci95[0]).toBeLessThan(0.8163);
    expect(result.ci95[1]).toBeGreaterThan(0.8163);
    expect(result.recoveries.s3).toBeGreaterThan(0);
  });

  it.each([
    [['--trials', '-5'], /--trials must be a whole number from 1/],
    [['--trials', '2.5'], /--trials must be a whole number/],
    [['--seed', '1.5'], /--seed must be a whole number/],
    [['--seed', 'abc'], /--seed must be a whole number/],
    [['--workers', '0'], /--workers must be a whole number from 1/],
    [['--precision', '2'], /--precision must be a number above 0/],
    [['--scenario', 'nope'], /no scenario "nope"; its scenarios are "recover-3"/],
    [['--bogus'], /"failpoint simulate" has no option --bogus\. Run "failpoint help"/],
  ])('refuses %j with a sentence and exit code 2', async (extra, message) => {
    const { io, out, err } = terminal(false);
    expect(await runSimulate([COURIER, ...extra], io)).toBe(2);
    expect(out()).toBe('');
    expect(err()).toMatch(message);
  });

  it('exits with 2 for a file that cannot be read or is not JSON', async () => {
    const missing = terminal(false);
    expect(await runSimulate(['examples/no-such.blueprint.json'], missing.io)).toBe(2);
    expect(missing.err()).toMatch(/no such file/);
    const notJson = terminal(false);
    const file = tempFile('broken.blueprint.json', '{ "format": ');
    expect(await runSimulate([file], notJson.io)).toBe(2);
    expect(notJson.err()).toMatch(/BP001/);
  });

  it('prints every problem of an invalid blueprint and exits with 1', async () => {
    const document = JSON.parse(readFileSync(COURIER, 'utf8'));
    document.nodes.find((n: { id: string }) => n.id === 's4').reliability = 1.5;
    document.edges.push({ id: 'dangling', source: 's5', target: 'nowhere' });
    const file = tempFile('invalid.blueprint.json', JSON.stringify(document));
    const { io, out, err } = terminal(false);
    expect(await runSimulate([file, '--trials', '1000'], io)).toBe(1);
    expect(out()).toBe('');
    expect(err()).toMatch(/s4/);
    expect(err()).toMatch(/dangling/);
  });

  it('reads --reliability-only, off unless given, and passes it to the kernel', async () => {
    expect(parseSimulateArguments([COURIER], 2).reliabilityOnly).toBe(false);
    expect(parseSimulateArguments([COURIER, '--reliability-only'], 2).reliabilityOnly).toBe(true);
    const { io, out } = terminal(false);
    const code = await runSimulate(
      [COURIER, '--trials', '50000', '--workers', '1', '--reliability-only', '--json'],
      io,
    );
    expect(code).toBe(0);
    const result = JSON.parse(out());
    expect(result.reliabilityOnly).toBe(true);
    expect(result.time).toBeNull();
    expect(result.cost).toBeNull();
    expect(result.successes).toBeGreaterThan(0);
  });

  it('returns 2 for bad arguments without throwing', async () => {
    const { io, err } = terminal(false);
    expect(await runSimulate([COURIER, '--trials', '0'], io)).toBe(2);
    expect(err()).toMatch(/^failpoint: --trials must be a whole number from 1/);
    expect(await runSimulate([], io)).toBe(2);
    expect(err()).toMatch(/needs a blueprint file/);
  });
});
