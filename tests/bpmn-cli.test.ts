import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { BpmnModdle } from 'bpmn-moddle';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Cli from '../src/cli/main';
import { writeBpmn } from '../src/document/bpmn';

const HAND = 'tests/fixtures/bpmn/hand';

// The same bundle that bin/failpoint.mjs loads (tests/global-setup.ts builds it).
const { main } = (await import(
  pathToFileURL(resolve(import.meta.dirname, '../dist/cli.mjs')).href
)) as typeof Cli;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command line's `main` in this process, reading files as bytes. */
async function failpoint(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    args,
    {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      isTTY: false,
      readFile: (path) => readFile(path),
    },
    { LANG: 'en_US.UTF-8' },
  );
  return { code, stdout, stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'failpoint-bpmn-'));
const courierBpmn = join(scratch, 'c.bpmn');

beforeAll(async () => {
  const courier = JSON.parse(readFileSync('examples/courier.blueprint.json', 'utf8'));
  writeFileSync(courierBpmn, await writeBpmn(courier));
});

describe('every command reads a .bpmn file', () => {
  it('analyze c.bpmn gives the courier R = 0.765280 to 1e-12, with nothing to report', async () => {
    const { code, stdout, stderr } = await failpoint('analyze', courierBpmn, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const reliability = (JSON.parse(stdout) as { reliability: number }).reliability;
    const product = 0.99 * 0.98 * 0.9 * 0.98 * 0.98 * 0.99 * 0.95 * 0.99 * 0.99 * 0.99;
    expect(Math.abs(reliability - product)).toBeLessThan(1e-12);
    expect(reliability.toFixed(6)).toBe('0.765280');
  });

  it("compare c.bpmn gives the seed's scenario table", async () => {
    const { code, stdout } = await failpoint('compare', courierBpmn, '--json');
    expect(code).toBe(0);
    const { scenarios } = JSON.parse(stdout) as {
      scenarios: { id: string; reliability: number; delta: number; growth: number }[];
    };
    expect(scenarios[0].id).toBe('baseline');
    const recover3 = scenarios.find((s) => s.id === 'recover-3')!;
    const withRecovery = 0.99 * 0.98 * 0.96 * 0.98 * 0.98 * 0.99 * 0.95 * 0.99 * 0.99 * 0.99;
    expect(Math.abs(recover3.reliability - withRecovery)).toBeLessThan(1e-12);
    expect(recover3.delta).toBeCloseTo(0.051, 3);
    expect(recover3.growth).toBeCloseTo(0.0667, 4);
  });

  it('validate, simulate and trace take a .bpmn file', async () => {
    const validate = await failpoint('validate', courierBpmn);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('is a valid blueprint: 12 nodes');
    const simulate = await failpoint(
      'simulate',
      courierBpmn,
      '--trials',
      '2000',
      '--workers',
      '1',
      '--json',
    );
    expect(simulate.code).toBe(0);
    expect((JSON.parse(simulate.stdout) as { trials: number }).trials).toBe(2000);
    const trace = await failpoint('trace', courierBpmn, '--customers', '5', '--json');
    expect(trace.code).toBe(0);
  });

  it('prints what an import approximated to standard error, and still analyzes', async () => {
    const { code, stdout, stderr } = await failpoint(
      'analyze',
      `${HAND}/exclusive-no-probabilities.bpmn`,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('System reliability');
    expect(stderr).toContain('BPMN017');
    expect(stderr).toContain('"Which desk?" (Where)');
  });

  it('exits 1 with sentences naming the element when the content is refused', async () => {
    const { code, stdout, stderr } = await failpoint(
      'analyze',
      `${HAND}/refused-inclusiveGateway.bpmn`,
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('BPMN010');
    expect(stderr).toContain('inclusive gateway "Which ones?" (Gate)');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a file that is not BPMN at all', async () => {
    for (const file of ['not-xml.bpmn', 'not-bpmn.xml']) {
      const { code, stderr } = await failpoint('validate', `${HAND}/${file}`);
      expect(code, file).toBe(2);
      expect(stderr, file).toMatch(/BPMN00[12]/);
    }
  });
});

describe('failpoint import', () => {
  it('writes the blueprint to standard output and the report to standard error', async () => {
    const { code, stdout, stderr } = await failpoint('import', `${HAND}/exclusive-qbp.bpmn`);
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as { format: string; edges: { probability?: number }[] };
    expect(document.format).toBe('failpoint.blueprint');
    expect(document.edges.map((e) => e.probability).filter((p) => p !== undefined)).toEqual([
      0.8, 0.2,
    ]);
    expect(stderr).toContain('BPMN019');
  });

  it('writes to -o, takes --process and --lanes, and says so in the JSON report', async () => {
    const out = join(scratch, 'shop.blueprint.json');
    const { code, stdout } = await failpoint(
      'import',
      `${HAND}/several-pools.bpmn`,
      '-o',
      out,
      '--process',
      'CustomerPool',
      '--json',
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      imported: boolean;
      valid: boolean;
      output: string;
      notes: { code: string }[];
    };
    expect(report).toMatchObject({ imported: true, valid: true, output: out });
    expect(report.notes.map((n) => n.code)).not.toContain('BPMN007');
    const written = JSON.parse(readFileSync(out, 'utf8')) as { nodes: { id: string }[] };
    expect(written.nodes.map((n) => n.id)).toEqual(['ShopStart', 'Order', 'ShopEnd']);

    const mapped = await failpoint(
      'import',
      `${HAND}/lanes-and-di.bpmn`,
      '--lanes',
      'Kitchen=support',
    );
    expect(mapped.code).toBe(0);
    const cook = (
      JSON.parse(mapped.stdout) as { nodes: { id: string; lane: string }[] }
    ).nodes.find((n) => n.id === 'Cook');
    expect(cook?.lane).toBe('support');
  });

  it('refuses a wrong --lanes map as a usage error (exit 2), in a sentence', async () => {
    const { code, stderr } = await failpoint(
      'import',
      `${HAND}/lanes-and-di.bpmn`,
      '--lanes',
      'Kitchen=cellar',
    );
    expect(code).toBe(2);
    expect(stderr).toContain('"cellar" is not a blueprint lane');
  });

  it('writes its report in Chinese with --lang zh', async () => {
    const { code, stderr } = await failpoint(
      'import',
      `${HAND}/refused-several-starts.bpmn`,
      '--lang',
      'zh',
    );
    expect(code).toBe(1);
    expect(stderr).toContain('BPMN008');
    expect(stderr).toContain('开始事件');
  });
});

describe('failpoint export --format bpmn', () => {
  it('writes a file bpmn-moddle reads without a warning, which analyze reads back', async () => {
    const out = join(scratch, 'bank.bpmn');
    const { code } = await failpoint('export', 'examples/bank-loan.blueprint.json', '-o', out);
    expect(code).toBe(0);
    const { warnings } = await new BpmnModdle().fromXML(readFileSync(out, 'utf8'));
    expect(warnings).toEqual([]);
    const original = await failpoint('analyze', 'examples/bank-loan.blueprint.json', '--json');
    const again = await failpoint('analyze', out, '--json');
    const r = (run: Run) => (JSON.parse(run.stdout) as { reliability: number }).reliability;
    expect(Math.abs(r(again) - r(original))).toBeLessThan(1e-12);
  });
});

/** A binary run, to see the exit code and streams a shell sees. */
it('npx failpoint import exits 2 without a stack trace for a file that is not BPMN', async () => {
  const run = promisify(execFile);
  const failed = await run(
    process.execPath,
    ['bin/failpoint.mjs', 'import', `${HAND}/not-xml.bpmn`],
    {
      encoding: 'utf8',
    },
  ).catch((error: { code: number; stderr: string }) => error);
  expect('code' in failed && failed.code).toBe(2);
  expect(failed.stderr).toContain('BPMN001');
  expect(failed.stderr).not.toMatch(/\n\s+at /);
});
