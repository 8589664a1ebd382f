/**
 * `failpoint simulate` on a blueprint with a runaway loop: the stopped trials are said plainly,
 * in the text and in `--json`, and the figures are those of the trials that reached an end.
 */
import { describe, expect, it } from 'vitest';
import { spawnCli, tempFile } from './cli-run';

const failpoint = (...args: string[]) => spawnCli(args);

/**
 * Half the customers served with 0.9, the other half sent round a loop left with 10⁻¹⁵ per
 * pass; or, with `everyone`, every customer sent round the loop.
 */
function blueprint(everyone: boolean): string {
  const loop = [
    { id: 'e4', source: 'spin', target: 'again' },
    { id: 'e5', source: 'again', target: 'spin', probability: 1 - 1e-15 },
    { id: 'e6', source: 'again', target: 'end', probability: 1e-15 },
  ];
  const edges = everyone
    ? [{ id: 'e0', source: 'start', target: 'spin' }, ...loop]
    : [
        { id: 'e0', source: 'start', target: 'fork' },
        { id: 'e1', source: 'fork', target: 'serve', probability: 0.5 },
        { id: 'e2', source: 'fork', target: 'spin', probability: 0.5 },
        { id: 'e3', source: 'serve', target: 'end' },
        ...loop,
      ];
  const nodes = [
    { id: 'start', type: 'start' },
    ...(everyone
      ? []
      : [
          { id: 'fork', type: 'decision' },
          { id: 'serve', type: 'step', reliability: 0.9 },
        ]),
    { id: 'spin', type: 'step', reliability: 1 },
    { id: 'again', type: 'decision' },
    { id: 'end', type: 'end' },
  ];
  const document = { format: 'failpoint.blueprint', version: 1, title: 'Loop', nodes, edges };
  return tempFile('loop.json', JSON.stringify(document));
}

// Each case runs the command twice at once; a loaded machine can take tens of seconds.
describe('failpoint simulate with a runaway loop', { timeout: 180_000 }, () => {
  it('counts the stopped trials apart and gives R over the completed ones', async () => {
    const file = blueprint(false);
    const args = ['simulate', file, '--trials', '1000', '--seed', '3', '--workers', '1'];
    const [json, text] = await Promise.all([failpoint(...args, '--json'), failpoint(...args)]);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.stoppedByLoopGuard + result.completedTrials).toBe(1000);
    expect(result.stoppedByLoopGuard).toBeGreaterThan(400);
    expect(result.loopGuardVisitLimit).toBe(10_000);
    expect(result.missingFigures).toBeNull();
    expect(result.reliability).toBeCloseTo(result.successes / result.completedTrials, 12);
    expect(Math.abs(result.reliability - 0.9)).toBeLessThan(0.06);

    expect(text.stdout).toContain(
      `${result.stoppedByLoopGuard.toLocaleString('en-US')} trials stopped after visiting more than 10,000 nodes`,
    );
    expect(text.stdout).toContain(
      `the figures are over the ${result.completedTrials.toLocaleString('en-US')} that reached an end`,
    );
    expect(text.stdout).toContain('not comparable');
  });

  it('says so when every trial was stopped, with no NaN', async () => {
    const file = blueprint(true);
    const args = ['simulate', file, '--trials', '100', '--workers', '1'];
    const [json, text] = await Promise.all([failpoint(...args, '--json'), failpoint(...args)]);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.completedTrials).toBe(0);
    expect(result.missingFigures).toBe('all-stopped');
    expect(result.reliability).toBe(0);
    expect(text.stdout).toContain('System reliability  not known: every trial was stopped');
    expect(text.stdout).not.toContain('NaN');
  });
});
