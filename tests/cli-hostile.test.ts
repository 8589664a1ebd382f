/**
 * The command line against a folder of hostile and broken files, generated at test time in a
 * temporary folder: escape sequences, hyperlinks, newlines and bidi overrides in names,
 * `__proto__` and `constructor` ids, huge and NaN-ish numbers, deep nesting, duplicate keys,
 * byte-order marks, UTF-16, text that is not JSON, an empty file, a folder and a missing file.
 * Every command runs over every file through the bundled `main` in this process, with and
 * without --json, in English and Chinese; a few checks spawn the real binary (a closed pipe, a
 * full disk).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as Cli from '../src/cli/main';
import { idTable, jsonDocument, safeOutput, shown } from '../src/cli/escape';
import { EXIT, InternalError, type CliIO } from '../src/cli/io';
import { reportFailure } from '../src/cli/main';
import { parseSimulateArguments } from '../src/cli/simulate';

// The same bundle that bin/failpoint.mjs loads (tests/global-setup.ts builds it).
const bundle = (await import(
  pathToFileURL(resolve(import.meta.dirname, '../dist/cli.mjs')).href
)) as typeof Cli;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bundled `main` with its output captured, reading files as the binary does. */
async function failpoint(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    ...bundle.processIO(),
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: false,
  };
  const code = await bundle.main(args, io, {});
  return { code, stdout, stderr };
}

const ESC = '\x1b';
const CLEAR_SCREEN = `${ESC}[2J${ESC}[H`;
const HYPERLINK = `${ESC}]8;;https://example.invalid/${ESC}\\click here${ESC}]8;;${ESC}\\`;
const FORGED = '\n  BP001 not-json  forged line';
const RIGHT_TO_LEFT = '\u202Egnp.exe\u202C \u2066isolated\u2069';
const C1 = '\u009B31m red \u0085 next line';

/**
 * Raw characters a terminal would act on, other than newline and tab: C0 and C1 controls, DEL,
 * the bidi controls and the line separators.
 */
const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex -- finding raw control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;
/** A Node stack frame: `    at f (file.js:1:2)` or `    at file.js:1:2`. */
const STACK_FRAME = /^\s*at\s.*(?:\(.*:\d+:\d+\)|:\d+:\d+)\s*$/mu;

function node(id: string, type: string, extra: Record<string, unknown> = {}) {
  return { id, type, ...extra };
}

/** A blueprint whose every name is hostile but whose structure is valid. */
function hostileBlueprint() {
  const steps = [
    node('__proto__', 'step', { reliability: 0.9, label: `proto ${CLEAR_SCREEN}` }),
    node('constructor', 'step', { reliability: 0.8, label: `a${FORGED}` }),
    node(`s${FORGED}`, 'step', { reliability: 0.95, label: RIGHT_TO_LEFT }),
    node(`link${HYPERLINK}`, 'step', { reliability: 0.97, label: C1, recovery: { catch: 0.5 } }),
  ];
  const nodes = [node('start', 'start'), ...steps, node(`end${ESC}[5m`, 'end')];
  const edges = nodes.slice(1).map((target, i) => ({
    id: `e${i}${ESC}[1m`,
    source: nodes[i].id,
    target: target.id,
  }));
  return {
    format: 'failpoint.blueprint',
    version: 1,
    title: `Hostile ${CLEAR_SCREEN}${HYPERLINK}${FORGED}`,
    nodes,
    edges,
    scenarios: [
      {
        id: `better${ESC}[2J`,
        name: `Better ${RIGHT_TO_LEFT}${C1}`,
        changes: [{ node: '__proto__', set: { reliability: 0.99 } }],
      },
    ],
  };
}

/** The folder of hostile files, written once for the whole file. */
function writeFolder(): Record<string, string> {
  const folder = mkdtempSync(join(tmpdir(), 'failpoint-hostile-'));
  const files: Record<string, string> = {};
  const write = (name: string, content: string | Buffer) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    files[name] = path;
  };
  const valid = hostileBlueprint();
  const text = JSON.stringify(valid, null, 2);
  write('escapes.blueprint.json', text);

  const broken = structuredClone(valid);
  broken.edges[2].target = `nowhere${FORGED}${CLEAR_SCREEN}`;
  broken.nodes.push(node(`orphan${HYPERLINK}`, 'step', { reliability: `1 ${ESC}[2J` }));
  write('broken-escapes.blueprint.json', JSON.stringify(broken));

  const huge = structuredClone(valid);
  Object.assign(huge.nodes[1], { reliability: 1e308, cost: 1e308 });
  Object.assign(huge.nodes[2], { duration: { dist: 'fixed', value: 1.7976931348623157e308 } });
  write('huge-numbers.blueprint.json', JSON.stringify(huge));

  const hugeButValid = structuredClone(valid);
  Object.assign(hugeButValid.nodes[1], { cost: 1e300 });
  write('huge-cost.blueprint.json', JSON.stringify(hugeButValid));

  const nanish = structuredClone(valid);
  Object.assign(nanish.nodes[1], { reliability: 'NaN' });
  Object.assign(nanish.nodes[2], { reliability: 'Infinity' });
  Object.assign(nanish.nodes[3], { reliability: '1/0' });
  Object.assign(nanish.nodes[4], { reliability: '-0' });
  write('nanish.blueprint.json', JSON.stringify(nanish));

  // Prototype keys as keys of the file itself: they must neither pollute nor be obeyed.
  write(
    'proto-keys.blueprint.json',
    text.replace(
      '"format"',
      '"__proto__": { "polluted": "yes", "nodes": [] }, "constructor": { "prototype": { "polluted": "yes" } }, "format"',
    ),
  );
  write(
    'deep.blueprint.json',
    text.replace('"format"', `"x": ${'['.repeat(50_000)}${']'.repeat(50_000)}, "format"`),
  );
  write('deep-unclosed.blueprint.json', '['.repeat(200_000));
  write(
    'duplicate-keys.blueprint.json',
    text.replace('"reliability": 0.9,', '"reliability": 0.999, "reliability": 0.1,'),
  );
  write('bom.blueprint.json', `\uFEFF${text}`);
  write(
    'utf16le.blueprint.json',
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  );
  write('utf16le-no-bom.blueprint.json', Buffer.from(text, 'utf16le'));
  write(
    'invalid-utf8.blueprint.json',
    Buffer.concat([
      Buffer.from(text.slice(0, 40)),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from(text.slice(40)),
    ]),
  );
  write('not-json.blueprint.json', `${CLEAR_SCREEN}this is not JSON${FORGED}`);
  write('empty.blueprint.json', '');
  write('null.blueprint.json', 'null');
  write('array.blueprint.json', '[1, 2, 3]');
  write(`name ${ESC}[2J${ESC}]8;;x${ESC}\\ with\nnewline.blueprint.json`, text);
  mkdirSync(join(folder, 'folder.blueprint.json'));
  files['folder.blueprint.json'] = join(folder, 'folder.blueprint.json');
  files['missing.blueprint.json'] = join(folder, `missing${ESC}[2J${FORGED}.blueprint.json`);
  return files;
}

const FILES = writeFolder();
const ESCAPES = FILES['escapes.blueprint.json'];

const COMMANDS: readonly (readonly string[])[] = [
  ['validate'],
  ['analyze'],
  ['compare'],
  ['trace', '--customers', '200'],
  ['simulate', '--trials', '2000', '--workers', '1'],
];

/** What every run of every command must keep to, whatever the file. */
function expectComposed(run: Run, what: string, json: boolean, command: string): void {
  expect([EXIT.ok, EXIT.invalid, EXIT.usage], what).toContain(run.code);
  for (const stream of [run.stdout, run.stderr]) {
    expect(stream, what).not.toMatch(RAW_CONTROL);
    expect(stream, what).not.toMatch(STACK_FRAME);
    expect(stream, what).not.toMatch(/internal error|内部错误/iu);
    expect(stream, what).not.toMatch(/R = NaN/u);
  }
  // No line of a problem list is forged by a newline inside a name.
  expect(run.stderr, what).not.toMatch(/^\s*BP001 not-json {2}forged line/mu);
  expect(run.stdout, what).not.toMatch(/^\s*BP001 not-json {2}forged line/mu);
  if (json && (run.code === EXIT.ok || (command === 'validate' && run.code === EXIT.invalid))) {
    expect(() => JSON.parse(run.stdout) as unknown, what).not.toThrow();
  }
  // A refusal is said: on standard error, or as the problems of validate --json.
  if (run.code !== EXIT.ok && !(json && command === 'validate')) {
    expect(run.stderr.trim(), what).not.toBe('');
  }
  if (run.code === EXIT.invalid && json && command === 'validate') {
    expect((JSON.parse(run.stdout) as { problems: unknown[] }).problems, what).not.toEqual([]);
  }
}

/** Whether {@link runEverything} simulates a file validation accepts, in this way. */
function simulated(name: string, json: boolean, language: string): boolean {
  if (name === 'escapes.blueprint.json') return json === (language === 'en');
  return name === 'huge-cost.blueprint.json' && json && language === 'en';
}

/** Runs jobs at most `limit` at a time, in order. */
async function inTurn<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]();
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return results;
}

/**
 * Every command over every file, with and without --json, in English and Chinese, with one
 * exception. A simulation of a valid blueprint starts a worker thread (seconds on a busy
 * machine) and prints names the same way whichever file they come from, so among the files
 * validation accepts only the one with hostile names (as text in Chinese, as JSON in English)
 * and the one with huge costs (as JSON) are simulated. A file validation refuses never reaches
 * the threads and is run in all four ways.
 */
async function runEverything(): Promise<Map<string, Run>> {
  const runs = new Map<string, Run>();
  const jobs: (() => Promise<void>)[] = [];
  const valid = new Set<string>();
  await Promise.all(
    Object.entries(FILES).map(async ([name, path]) => {
      if ((await failpoint('validate', path)).code === EXIT.ok) valid.add(name);
    }),
  );
  for (const [name, path] of Object.entries(FILES)) {
    for (const [command, ...options] of COMMANDS) {
      for (const json of [false, true]) {
        for (const language of ['en', 'zh']) {
          if (command === 'simulate' && valid.has(name) && !simulated(name, json, language)) {
            continue;
          }
          const args = [command, path, ...options, ...(json ? ['--json'] : []), '--lang', language];
          const key = `${command} ${name}${json ? ' --json' : ''} --lang ${language}`;
          jobs.push(() => failpoint(...args).then((run) => void runs.set(key, run)));
        }
      }
    }
  }
  await inTurn(jobs, 4);
  return runs;
}

describe('every command over the hostile folder', () => {
  const everything = runEverything();

  it('exits 0, 1 or 2 with no stack trace, internal error or raw control character', async () => {
    const runs = await everything;
    expect(runs.size).toBeGreaterThan(Object.keys(FILES).length * (COMMANDS.length - 1) * 4);
    for (const [what, run] of runs) {
      expectComposed(run, what, what.includes('--json'), what.split(' ')[0]);
    }
    // The file's own "__proto__" key polluted nothing.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, 60_000);

  it('spells out the escape sequences, newlines and bidi controls of names', async () => {
    const runs = await everything;
    const analysis = runs.get('analyze escapes.blueprint.json --lang en')!;
    expect(analysis.code).toBe(0);
    expect(analysis.stdout).toContain(
      String.raw`Hostile \x1b[2J\x1b[H\x1b]8;;https://example.invalid/\x1b\click here`,
    );
    expect(analysis.stdout).toContain(String.raw`s\n  BP001 not-json  forged line`);
    expect(analysis.stdout).toContain(String.raw`\u202egnp.exe\u202c \u2066isolated\u2069`);
    expect(runs.get('simulate escapes.blueprint.json --lang zh')!.stdout).toContain(
      String.raw`link\x1b]8;;https://example.invalid/\x1b\click here\x1b]8;;\x1b` + '\\',
    );
    const comparison = runs.get('compare escapes.blueprint.json --lang zh')!;
    expect(comparison.stdout).toContain(String.raw`\x9b31m red \x85 next line`);
    const trace = runs.get('trace escapes.blueprint.json --lang zh')!;
    expect(trace.code).toBe(0);
    expect(trace.stdout).toContain(String.raw`end\x1b[5m`);

    const problems = runs.get('validate broken-escapes.blueprint.json --lang en')!;
    expect(problems.code).toBe(EXIT.invalid);
    expect(problems.stderr).toContain(
      String.raw`nowhere\n  BP001 not-json  forged line\x1b[2J\x1b[H`,
    );
    // One line per problem: the heading, then lines that each start with a code.
    const [, ...lines] = problems.stderr.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^ {2}BP\d{3} [a-z-]+ {2}\S/u);

    // Files are decoded by their byte-order mark, as the app decodes them.
    expect(runs.get('validate bom.blueprint.json --lang en')!.code).toBe(EXIT.ok);
    expect(runs.get('validate utf16le.blueprint.json --lang en')!.code).toBe(EXIT.ok);
    expect(runs.get('validate invalid-utf8.blueprint.json --lang en')!.code).toBe(EXIT.usage);

    const missing = runs.get('analyze missing.blueprint.json --lang zh')!;
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toContain(String.raw`missing\x1b[2J\n  BP001`);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('keeps nodes called __proto__ and constructor in every id-keyed table of --json', async () => {
    const runs = await everything;
    const analysis = JSON.parse(
      runs.get('analyze escapes.blueprint.json --json --lang en')!.stdout,
    );
    for (const table of [
      'failPoints',
      'expectedVisits',
      'visitProbability',
      'importance',
      'improvementPotential',
    ]) {
      expect(Object.keys(analysis[table]), table).toEqual(
        expect.arrayContaining(['__proto__', 'constructor']),
      );
    }
    expect(analysis.failPoints.__proto__).toBeCloseTo(0.1, 12);
    expect(analysis.expectedVisits.constructor).toBeCloseTo(0.9, 12);
    const simulation = JSON.parse(
      runs.get('simulate escapes.blueprint.json --json --lang en')!.stdout,
    );
    expect(simulation.trials).toBe(2000);
    expect(Object.keys(simulation.failPoints)).toEqual(
      expect.arrayContaining(['__proto__', 'constructor']),
    );
    expect(Object.keys(simulation.visits)).toEqual(
      expect.arrayContaining(['__proto__', 'constructor']),
    );
    expect(simulation.failPoints.__proto__ + simulation.failPoints.constructor).toBeLessThanOrEqual(
      2000,
    );
    const trace = JSON.parse(runs.get('trace escapes.blueprint.json --json --lang en')!.stdout);
    expect(Object.keys(trace.visits)).toContain('constructor');
    // Names come back as they were written: JSON escapes them, it does not change them.
    const comparison = JSON.parse(
      runs.get('compare escapes.blueprint.json --json --lang en')!.stdout,
    );
    expect(comparison.scenarios[1].name).toBe(`Better ${RIGHT_TO_LEFT}${C1}`);
  });
});

describe('the escaping of names', () => {
  it('spells out controls, newlines and bidi overrides and leaves other text alone', () => {
    expect(shown(`a${ESC}[2Jb\nc\td\r`)).toBe(String.raw`a\x1b[2Jb\nc\td\r`);
    expect(shown('\u202E\u2066\u0085\u007F\u0000')).toBe(String.raw`\u202e\u2066\x85\x7f\x00`);
    expect(shown('快递 — Café ✓ 0.765')).toBe('快递 — Café ✓ 0.765');
  });

  it('keeps the lines of a whole output and the progress bar’s own controls', () => {
    expect(safeOutput(`line\n\tcell\r[██] 5 %${ESC}[K`)).toBe(`line\n\tcell\r[██] 5 %${ESC}[K`);
    expect(safeOutput(`x${ESC}[2J${ESC}]8;;u\u0007`)).toBe(String.raw`x\x1b[2J\x1b]8;;u\x07`);
  });

  it('writes JSON that parses back to the same names with no raw control character', () => {
    const value = { name: `${C1}${RIGHT_TO_LEFT}\u2028${ESC}`, n: 1 };
    const text = jsonDocument(value);
    expect(text).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('builds id tables where __proto__ and constructor are keys like any other', () => {
    const table = idTable([
      ['__proto__', 1],
      ['constructor', 2],
      ['skipped', undefined],
    ]);
    expect(Object.keys(table)).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(table))).toEqual(
      JSON.parse('{"__proto__":1,"constructor":2}'),
    );
  });
});

describe('faults and limits of the command line', () => {
  it('says an internal error in one sentence naming the task and file, with exit code 3', () => {
    let stderr = '';
    const io: CliIO = {
      stderr: (text) => void (stderr += text),
      stdout: () => undefined,
      isTTY: false,
      readFile: () => Promise.reject(new Error('unused')),
      language: 'en',
    };
    const error = new InternalError(
      'analysis',
      `a${ESC}[2J.json`,
      'Maximum call stack size exceeded',
    );
    expect(reportFailure(error, 'analyze', io)).toBe(EXIT.internal);
    expect(stderr).toBe(
      String.raw`failpoint: analyze stopped while the exact analysis of "a\x1b[2J.json", on an internal error (Maximum call stack size exceeded). This is a fault in Failpoint, not in the blueprint; please report it with the file.` +
        '\n',
    );
    stderr = '';
    expect(reportFailure(new TypeError('x is undefined'), 'trace', { ...io, language: 'zh' })).toBe(
      3,
    );
    expect(stderr).toMatch(/^failpoint: trace 在运行蓝图时因内部错误而停止（x is undefined）。/u);
    expect(stderr.split('\n')).toHaveLength(2);
  });

  it('caps --workers at the cores and says so', async () => {
    expect(parseSimulateArguments(['f.json', '--workers', '256'], 2)).toMatchObject({
      workers: 2,
      workersAsked: 256,
    });
    expect(parseSimulateArguments(['f.json', '--workers', '2'], 2)).toMatchObject({
      workers: 2,
      workersAsked: null,
    });
    expect(parseSimulateArguments(['f.json'], 3)).toMatchObject({ workers: 3, workersAsked: null });
    const cores = os.availableParallelism();
    const run = await failpoint(
      'simulate',
      ESCAPES,
      '--trials',
      '2000',
      '--workers',
      '256',
      '--json',
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `failpoint: --workers 256 is more than the ${cores} core${cores === 1 ? '' : 's'} of this machine; simulating on ${cores} worker${cores === 1 ? '' : 's'}.\n`,
    );
    expect(JSON.parse(run.stdout).workers).toBeLessThanOrEqual(cores);
  });

  it('says an interrupt before any trial finished in a sentence, not R = NaN', async () => {
    const before = process.listenerCount('SIGINT');
    const running = failpoint('simulate', ESCAPES, '--trials', '100000000');
    // Interrupt as soon as the command listens for Ctrl-C, before its threads have started.
    while (process.listenerCount('SIGINT') === before) await new Promise((r) => setTimeout(r, 1));
    process.emit('SIGINT');
    const run = await running;
    expect(run.code).toBe(EXIT.interrupted);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'failpoint: The simulation was interrupted before any trial finished; there are no figures to print.\n',
    );
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});

/** Runs the built binary with the given standard output, and collects its standard error. */
function spawnFailpoint(
  args: string[],
  stdout: 'pipe' | number,
  onStart?: (child: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['bin/failpoint.mjs', ...args], {
      stdio: ['ignore', stdout, 'pipe'],
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
    onStart?.(child);
  });
}

// Started when the file loads, so that their start-ups overlap with the runs in this process.
const closedPipe = spawnFailpoint(
  ['analyze', ESCAPES],
  'pipe',
  // The reader goes away before anything is written, as `head -1` does after its line.
  (child) => child.stdout!.destroy(),
);
const fullDisk = (() => {
  const full = openSync('/dev/full', 'w');
  return spawnFailpoint(['analyze', ESCAPES, '--json'], full).finally(() => closeSync(full));
})();

describe('the binary on a closed pipe and a full disk', () => {
  it('quits quietly with 0 when the reader closes the pipe (failpoint … | head -1)', async () => {
    const { code, stderr } = await closedPipe;
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('says a sentence and exits with 2 when the output cannot be written (a full disk)', async () => {
    const { code, stderr } = await fullDisk;
    expect(stderr).toBe(
      'failpoint: Cannot write the output: ENOSPC: no space left on device, write.\n',
    );
    expect(code).toBe(2);
  });
});
