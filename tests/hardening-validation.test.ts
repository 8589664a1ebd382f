/**
 * Hostile and unusual files through validation: generated here at test time (they are big),
 * each refused quickly with a bounded set of bounded sentences; duplicate keys; the one decoder
 * the app and the command line share; parameter names in any script.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBlueprint } from '../src/cli/load';
import type { CliIO } from '../src/cli/io';
import {
  diagnosticSentence,
  type Diagnostic,
  type DiagnosticCode,
  type MessageParams,
} from '../src/sim/diagnostics';
import { analyze } from '../src/sim/exact/analyze';
import {
  checkExpression,
  evaluateExpression,
  isValidParameterName,
  resolveParameters,
} from '../src/sim/expressions';
import {
  MAX_PROBLEMS_PER_CODE,
  parseBlueprint,
  problemCount,
  type ParseResult,
} from '../src/sim/parse';
import { decodeBlueprintBytes, findDuplicateKeys } from '../src/sim/text';

const COURIER_ZH = readFileSync('examples/courier.zh.blueprint.json', 'utf8');

type Raw = Record<string, unknown>;

/** A chain start → s0 → … → s(n−1) → end; `step(i)` adds or overrides fields of step i. */
function chain(n: number, step: (i: number) => Raw = () => ({})): Raw {
  const nodes: Raw[] = [{ id: 'start', type: 'start' }];
  const edges: Raw[] = [];
  let previous = 'start';
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `s${i}`, type: 'step', reliability: 0.99, ...step(i) });
    edges.push({ id: `e${i}`, source: previous, target: `s${i}` });
    previous = `s${i}`;
  }
  nodes.push({ id: 'end', type: 'end', outcome: 'success' });
  edges.push({ id: 'e-end', source: previous, target: 'end' });
  return { format: 'failpoint.blueprint', version: 1, title: 'Generated', nodes, edges };
}

/**
 * Runs `work`, timing it by the clock and by the processor time this test process spent;
 * prints both, so a slow machine's numbers can be read in the log. The processor time is what
 * the limit checks: on a machine shared with other jobs the clock also counts their turns.
 */
function timed<T>(name: string, work: () => T): { result: T; ms: number } {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = work();
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const ms = (cpu.user + cpu.system) / 1000;
  console.log(`${name}: ${wall.toFixed(0)} ms by the clock, ${ms.toFixed(0)} ms of processor`);
  return { result, ms };
}

function timedParse(name: string, text: string): { result: ParseResult; ms: number } {
  return timed(`${name} (${(text.length / 1e6).toFixed(2)} MB)`, () => parseBlueprint(text));
}

function problemsOf(result: ParseResult): Diagnostic[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.diagnostics;
}

/** Every sentence in both languages, checked for length; returns their total size. */
function boundedSentences(problems: readonly Diagnostic[]): number {
  let total = 0;
  for (const problem of problems) {
    for (const sentence of [problem.message, diagnosticSentence(problem, 'zh')]) {
      expect(sentence.length, sentence.slice(0, 200)).toBeLessThan(700);
      total += sentence.length;
    }
  }
  return total;
}

/** The count a "more problems" entry gives for a code, or 0 without one. */
function moreOf(problems: readonly Diagnostic[], code: DiagnosticCode): number {
  const more = problems.find((p) => p.key === 'more-problems' && p.code === code);
  return more ? (more.params as MessageParams['more-problems']).count : 0;
}

/**
 * A guard against work that grows out of all proportion (a hostile file must not hang the
 * reader for minutes), not a speed test: the work is well under a second, and a shared machine
 * under heavy load must not make the test fail. Speed is measured by `npm run bench`.
 */
const TIME_LIMIT_MS = 15_000;

describe('hostile files are refused quickly, with bounded messages', () => {
  it('an unknown key of a megabyte: no "did you mean", the sentence shortened, the path whole', () => {
    const document = chain(1);
    const key = 'k'.repeat(1_000_000);
    (document.nodes as Raw[])[1][key] = 1;
    const { result, ms } = timedParse('1 MB unknown key', JSON.stringify(document));
    const problems = problemsOf(result);
    expect(ms).toBeLessThan(TIME_LIMIT_MS);
    expect(problems.map((p) => p.code)).toEqual(['BP004']);
    const [problem] = problems;
    expect((problem.params as MessageParams['unknown-key']).suggestion).toBeNull();
    expect(problem.message).toMatch(/^Step "s0" has an unknown key "k+…"\./);
    expect(problem.path).toBe(`nodes[1].${key}`);
    expect(boundedSentences(problems)).toBeLessThan(1000);
  });

  it('10,000 steps with a misspelt key: twenty sentences, then how many more', () => {
    const text = JSON.stringify(chain(10_000, () => ({ lable: 'Typo for label' })));
    const { result, ms } = timedParse('10,000 misspelt keys', text);
    const problems = problemsOf(result);
    expect(ms).toBeLessThan(TIME_LIMIT_MS);
    const listed = problems.filter((p) => p.key === 'unknown-key');
    expect(listed).toHaveLength(MAX_PROBLEMS_PER_CODE);
    expect(listed[0].message).toContain('did you mean "label"');
    expect(listed[0].path).toBe('nodes[1].lable');
    expect(moreOf(problems, 'BP004')).toBe(10_000 - MAX_PROBLEMS_PER_CODE);
    expect(problemCount(problems)).toBe(10_000);
    const more = problems.find((p) => p.key === 'more-problems')!;
    expect(more.message).toBe(
      'There are 9980 more problems of the same kind (BP004), not listed one by one; correct those above and check again.',
    );
    expect(diagnosticSentence(more, 'zh')).toContain('另有 9980 个同类问题（BP004）');
    expect(boundedSentences(problems)).toBeLessThan(8000);
  });

  it('20,000 out-of-range reliabilities: counted, not spelled out', () => {
    const text = JSON.stringify(chain(20_000, () => ({ reliability: 1.5 })));
    const { result, ms } = timedParse('20,000 out-of-range values', text);
    const problems = problemsOf(result);
    expect(ms).toBeLessThan(TIME_LIMIT_MS);
    expect(problems.filter((p) => p.key === 'probability-range')).toHaveLength(
      MAX_PROBLEMS_PER_CODE,
    );
    expect(moreOf(problems, 'BP011')).toBe(20_000 - MAX_PROBLEMS_PER_CODE);
    expect(boundedSentences(problems)).toBeLessThan(8000);
  });

  it('a loop through 3,000 parameters: each sentence lists a few and counts the rest', () => {
    const document = chain(1, () => ({ reliability: 'p0' }));
    const parameters: Raw = {};
    for (let i = 0; i < 3000; i++) parameters[`p${i}`] = { value: `p${(i + 1) % 3000} * 1` };
    document.parameters = parameters;
    const { result, ms } = timedParse('3,000-parameter loop', JSON.stringify(document));
    const problems = problemsOf(result);
    expect(ms).toBeLessThan(TIME_LIMIT_MS);
    const loops = problems.filter((p) => p.code === 'BP015' && p.key === 'expression');
    expect(loops).toHaveLength(MAX_PROBLEMS_PER_CODE);
    expect(loops[0].message).toContain('"p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7" and 2992');
    expect(moreOf(problems, 'BP015')).toBe(3000 - MAX_PROBLEMS_PER_CODE);
    // The whole --json form of the problems stays small (it was 78 MB).
    expect(JSON.stringify(problems).length).toBeLessThan(30_000);
    expect(boundedSentences(problems)).toBeLessThan(16_000);
  });

  it('a scenario of 10,000 changes is applied and checked in one pass', () => {
    const document = chain(10_000);
    const changes = Array.from({ length: 10_000 }, (_, i) => ({
      node: `s${i}`,
      set: { reliability: i === 9_999 ? 1.5 : 0.995 },
    }));
    document.scenarios = [{ id: 'better', name: 'Better', changes }];
    const { result, ms } = timedParse('10,000 scenario changes', JSON.stringify(document));
    const problems = problemsOf(result);
    expect(ms).toBeLessThan(TIME_LIMIT_MS);
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('BP011');
    expect(problems[0].path).toBe('scenarios[0].changes[9999].set.reliability');
  });

  it('a chain of 10,000 parameters resolves without exhausting the stack', () => {
    const specs = new Map<string, number | string>();
    for (let i = 0; i < 9999; i++) specs.set(`p${i}`, `p${i + 1} * 1`);
    specs.set('p9999', 0.25);
    const { result: resolved, ms } = timed('10,000-parameter chain', () =>
      resolveParameters(specs),
    );
    expect(ms).toBeLessThan(TIME_LIMIT_MS);
    expect(resolved.problems).toEqual([]);
    expect(resolved.values.get('p0')).toBe(0.25);
  });

  it('a node id of 100,000 characters is shortened in sentences but kept whole as the target', () => {
    const id = 'n'.repeat(100_000);
    const document = chain(1, () => ({ id, reliability: 2 }));
    (document.edges as Raw[])[0].target = id;
    (document.edges as Raw[])[1].source = id;
    const problems = problemsOf(parseBlueprint(JSON.stringify(document)));
    const range = problems.find((p) => p.code === 'BP011')!;
    expect(range.target).toEqual({ kind: 'node', id });
    expect(range.message).toContain(`"${'n'.repeat(59)}…"`);
    expect(boundedSentences(problems)).toBeLessThan(2000);
  });
});

describe('duplicate keys', () => {
  it('are found with their object, place and line, however they are escaped', () => {
    const text = '{\n  "a": {"x": 1, "y": [{"k": 1}, {"k": 2, "\\u006b": 3}]},\n  "a": 2\n}';
    const { found, more } = findDuplicateKeys(text);
    expect(more).toBe(0);
    expect(found).toEqual([
      {
        path: ['a', 'y', 1],
        key: 'k',
        first: { line: 2, column: 34 },
        again: { line: 2, column: 42 },
      },
      { path: [], key: 'a', first: { line: 2, column: 3 }, again: { line: 3, column: 3 } },
    ]);
  });

  it('refuse the file (BP027) naming the node and the key, in both languages', () => {
    const text = JSON.stringify(chain(2), null, 2).replace(
      '"reliability": 0.99',
      '"reliability": 0.999,\n      "reliability": 0.1',
    );
    const problems = problemsOf(parseBlueprint(text));
    expect(problems.map((p) => p.code)).toEqual(['BP027']);
    const [problem] = problems;
    expect(problem.target).toEqual({ kind: 'node', id: 's0' });
    expect(problem.path).toBe('nodes[1].reliability');
    expect(problem.message).toMatch(/^Step "s0" has the key "reliability" twice \(line \d+/);
    expect(diagnosticSentence(problem, 'zh')).toContain('两次使用了字段“reliability”');
  });

  it('are listed twenty at a time, then counted', () => {
    const steps = Array.from(
      { length: 500 },
      (_, i) => `{"id": "s${i}", "type": "step", "reliability": 0.9, "reliability": 0.8}`,
    );
    const text = `{"format": "failpoint.blueprint", "version": 1, "nodes": [${steps.join(',')}], "edges": []}`;
    const problems = problemsOf(parseBlueprint(text));
    expect(problems.filter((p) => p.key === 'duplicate-key')).toHaveLength(MAX_PROBLEMS_PER_CODE);
    expect(moreOf(problems, 'BP027')).toBe(500 - MAX_PROBLEMS_PER_CODE);
  });

  it('are not reported when each object names its keys once', () => {
    expect(findDuplicateKeys(COURIER_ZH)).toEqual({ found: [], more: 0 });
    expect(parseBlueprint(COURIER_ZH).ok).toBe(true);
  });
});

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = littleEndian ? 0xff : 0xfe;
  bytes[1] = littleEndian ? 0xfe : 0xff;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + 2 * i] = littleEndian ? unit & 0xff : unit >> 8;
    bytes[3 + 2 * i] = littleEndian ? unit >> 8 : unit & 0xff;
  }
  return bytes;
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('one decoder for the app and the command line', () => {
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(COURIER_ZH)]);
  const encodings: [string, Uint8Array][] = [
    ['UTF-8', utf8(COURIER_ZH)],
    ['UTF-8 with BOM', withBom],
    ['UTF-16 LE with BOM', utf16(COURIER_ZH, true)],
    ['UTF-16 BE with BOM', utf16(COURIER_ZH, false)],
  ];

  it.each(encodings)('reads %s to the same text', (_, bytes) => {
    const decoded = decodeBlueprintBytes(bytes);
    expect(decoded.ok && decoded.text).toBe(COURIER_ZH);
  });

  it('reads characters outside the basic plane in both encodings', () => {
    const text = '{"title": "𝑅 ≥ 0.99 🚚"}';
    expect(decodeBlueprintBytes(utf8(text))).toMatchObject({ ok: true, text });
    expect(decodeBlueprintBytes(utf16(text, true))).toMatchObject({ ok: true, text });
  });

  const broken: [string, number[], 'utf-8' | 'utf-16', number][] = [
    ['a lone continuation byte', [0x7b, 0x80, 0x7d], 'utf-8', 1],
    ['a two-byte start without its end', [0x7b, 0x22, 0xc3, 0x28], 'utf-8', 2],
    ['an overlong slash', [0x7b, 0xc0, 0xaf], 'utf-8', 1],
    ['an encoded surrogate', [0x20, 0xed, 0xa0, 0x80], 'utf-8', 1],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 'utf-8', 0],
    ['a cut-off last character', [0x7b, 0xe4, 0xbd], 'utf-8', 1],
    ['Latin-1 text', [0x7b, 0x22, 0x63, 0x61, 0x66, 0xe9, 0x22], 'utf-8', 5],
    ['UTF-16 with an odd byte', [0xff, 0xfe, 0x7b, 0x00, 0x7d], 'utf-16', 4],
    ['UTF-16 with a lone low surrogate', [0xff, 0xfe, 0x7b, 0x00, 0x00, 0xdc], 'utf-16', 4],
    ['UTF-16 with a high surrogate at the end', [0xfe, 0xff, 0x00, 0x7b, 0xd8, 0x00], 'utf-16', 4],
  ];

  it.each(broken)('refuses %s, naming the offset (BP001)', (_, bytes, encoding, offset) => {
    const decoded = decodeBlueprintBytes(new Uint8Array(bytes));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.diagnostic.code).toBe('BP001');
    expect(decoded.diagnostic.params).toEqual({ encoding, offset });
    expect(decoded.diagnostic.message).toContain(`offset ${offset}`);
    expect(diagnosticSentence(decoded.diagnostic, 'zh')).toContain(`偏移 ${offset}`);
  });

  /** A command-line reader that hands over the file's bytes, as the real one does. */
  function bytesIO(bytes: Uint8Array, language: 'en' | 'zh' = 'en') {
    const err: string[] = [];
    const io: CliIO = {
      language,
      stdout: () => undefined,
      stderr: (text) => void err.push(text),
      isTTY: false,
      readFile: () => Promise.resolve(bytes),
    };
    return { io, err };
  }

  it.each(encodings)('the command line loads %s', async (_, bytes) => {
    const { io, err } = bytesIO(bytes);
    const loaded = await loadBlueprint('courier.zh.blueprint.json', io);
    expect(loaded.ok, err.join('')).toBe(true);
  });

  it('the command line counts every problem, listed or not', async () => {
    const text = JSON.stringify(chain(500, () => ({ lable: 'Typo for label' })));
    const { io, err } = bytesIO(utf8(text));
    expect(await loadBlueprint('typos.json', io)).toEqual({ ok: false, exitCode: 1 });
    expect(err[0]).toBe('failpoint: typos.json has 500 problems:\n');
    expect(err.join('').match(/BP004 unknown-key/g)).toHaveLength(MAX_PROBLEMS_PER_CODE + 1);
  });

  it('the command line refuses invalid UTF-8 with a sentence and exit code 2', async () => {
    const bytes = new Uint8Array([...utf8('{"title": "caf'), 0xe9, ...utf8('"}')]);
    const { io, err } = bytesIO(bytes);
    expect(await loadBlueprint('latin1.json', io)).toEqual({ ok: false, exitCode: 2 });
    expect(err.join('')).toContain('BP001 not-json  The file is not valid UTF-8 text');
    expect(err.join('')).toContain('offset 14');

    const chinese = bytesIO(bytes, 'zh');
    await loadBlueprint('latin1.json', chinese.io);
    expect(chinese.err.join('')).toContain('文件不是有效的 UTF-8 文本');
  });
});

describe('parameter names in any script', () => {
  it('accepts letters of any script, with their marks, and refuses what is not one name', () => {
    for (const name of ['基础可靠度', 'коэффициент', 'मान', 'καλό', 'taux_réussite', '_基础2']) {
      expect(isValidParameterName(name), name).toBe(true);
    }
    for (const name of ['2基础', '基础 率', '基础-率', '基础.率', 'mod', 'min', '']) {
      expect(isValidParameterName(name), name).toBe(false);
    }
  });

  it('gives the same R as the same blueprint with Latin names', () => {
    const build = (base: string, factor: string): string => {
      const document = chain(2, (i) => ({
        reliability: i === 0 ? base : `min(1, ${base} * ${factor})`,
      }));
      document.parameters = { [base]: { value: 0.9 }, [factor]: { value: `${base} + 0.15` } };
      return JSON.stringify(document);
    };
    const chinese = parseBlueprint(build('基础可靠度', '修正系数'));
    const latin = parseBlueprint(build('base', 'factor'));
    expect(chinese.ok && latin.ok).toBe(true);
    if (!chinese.ok || !latin.ok) return;
    expect(chinese.blueprint.parameters['修正系数']).toBeCloseTo(1.05, 12);
    const R = analyze(chinese.blueprint.model).reliability;
    expect(R).toBeCloseTo(0.9 * 0.945, 12);
    expect(R).toBe(analyze(latin.blueprint.model).reliability);
  });

  it('names a misspelt or unknown non-Latin name as written', () => {
    const values = new Map([['基础', 0.9]]);
    expect(evaluateExpression('基础 * 2 + 未知', values)).toEqual({
      ok: false,
      problem: { kind: 'unknown-parameter', names: ['未知'] },
    });
    const syntax = evaluateExpression('基础 *', values);
    expect(syntax).toEqual({
      ok: false,
      problem: { kind: 'syntax', detail: 'Unexpected end of expression (char 5)' },
    });
  });

  it('still refuses every construct outside the allow-list, whatever the letters', () => {
    const isParameter = (name: string) => name === '基础';
    const attempts: [string, string][] = [
      ['基础.constructor', 'access'],
      ['基础["constructor"]', 'access'],
      ['基础 = 1', 'assignment'],
      ['函数(x) = 基础', 'function-definition'],
      ['评估("1 + 1")', 'function'],
      ['ｅｖａｌｕａｔｅ("1")', 'function'],
      ['基础 ? 1 : 0', 'conditional'],
      ['[基础, 1]', 'list'],
      ['基础 == 1', 'comparison'],
      ['基础; 1', 'statements'],
    ];
    for (const [text, kind] of attempts) {
      const checked = checkExpression(text, isParameter);
      expect(checked.ok, text).toBe(false);
      if (checked.ok) continue;
      expect(checked.problem.kind, text).toBe('forbidden');
      if (checked.problem.kind !== 'forbidden') continue;
      expect(
        checked.problem.found.map((f) => f.kind),
        text,
      ).toContain(kind);
    }
    const named = checkExpression('评估("1 + 1")', isParameter);
    expect(!named.ok && named.problem).toMatchObject({
      found: [{ kind: 'function', name: '评估' }],
    });
  });

  it('cannot be confused with a stand-in the text already uses', () => {
    const values = new Map([
      ['u_0', 1],
      ['基础', 0.5],
    ]);
    expect(evaluateExpression('u_0 + 基础', values)).toEqual({ ok: true, value: 1.5 });
  });
});
