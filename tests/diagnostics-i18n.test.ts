import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DIAGNOSTICS,
  diagnostic,
  diagnosticSentence,
  type Diagnostic,
  type DiagnosticCode,
  type MessageKey,
  type MessageParams,
  type NodeRef,
  type Subject,
} from '../src/sim/diagnostics';
import { setLanguage } from '../src/editor/i18n';
import { expressionProblemMessage } from '../src/editor/inspector/validate';
import {
  EXPRESSION_FUNCTIONS,
  checkExpression,
  type ExpressionProblem,
} from '../src/sim/expressions';
import { parseBlueprint } from '../src/sim/parse';

const folder = fileURLToPath(new URL('./fixtures/broken/', import.meta.url));
const files = readdirSync(folder).sort();

/**
 * Words that may stay in a Chinese sentence: the product, the file format's own keys and
 * literals, and the functions an expression may call.
 */
const ALLOWED = new Set([
  'Failpoint',
  'JSON',
  'UTF',
  'null',
  'true',
  'false',
  'format',
  'version',
  'successes',
  'trials',
  'set',
  ...EXPRESSION_FUNCTIONS,
]);

/** Parameters that hold names: ids, labels, parameter and scenario names. */
const NAME_KEYS = new Set([
  'id',
  'label',
  'edge',
  'scenario',
  'name',
  'ids',
  'names',
  'suggestion',
]);

/** The ids, labels and numbers a problem names, which every language must repeat. */
function namesIn(value: unknown, key = '', out: string[] = []): string[] {
  if (typeof value === 'number') out.push(String(value));
  else if (typeof value === 'string' && NAME_KEYS.has(key)) out.push(value);
  else if (Array.isArray(value)) for (const item of value) namesIn(item, key, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [inner, item] of Object.entries(value)) namesIn(item, inner, out);
  }
  return out;
}

/** Every text a problem names (ids, labels, keys and values from the file), longest first. */
function namedTexts(value: unknown, skip: ReadonlySet<string>, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) for (const item of value) namedTexts(item, skip, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (!skip.has(key)) namedTexts(inner, skip, out);
    }
  }
  return out.sort((a, b) => b.length - a.length);
}

/** The Latin words of a sentence that are not names taken from the file nor allowed words. */
function englishLeft(sentence: string, params: unknown): string[] {
  let rest = sentence;
  // A field name from the file may be quoted as it is when the catalogue has no word for it.
  const names = namedTexts(params, new Set(['type', 'kind', 'detail', 'expected']));
  for (const text of names) if (text !== '') rest = rest.split(text).join(' ');
  // A syntax node type (`ConstantNode`) is the expression parser's own name for a construct.
  return (rest.match(/[A-Za-z]{2,}/g) ?? []).filter(
    (word) => !ALLOWED.has(word) && !/^[A-Z][a-z]+Node$/.test(word),
  );
}

function idOf(problem: Diagnostic): string | null {
  const { target } = problem;
  if (target.kind === 'parameter') return target.name;
  return target.kind === 'document' ? null : target.id;
}

describe('diagnostics in Chinese, over the folder of broken blueprints', () => {
  const problems = files.map((file) => {
    const result = parseBlueprint(readFileSync(folder + file, 'utf8'));
    return { file, diagnostics: result.ok ? [] : result.diagnostics };
  });

  it('covers every diagnostic code', () => {
    const codes = new Set(problems.flatMap((p) => p.diagnostics.map((d) => d.code)));
    expect([...codes].sort()).toEqual(Object.keys(DIAGNOSTICS).sort());
  });

  it.each(problems)('$file: every problem is a Chinese sentence naming its node or edge', (p) => {
    expect(p.diagnostics.length).toBeGreaterThan(0);
    for (const problem of p.diagnostics) {
      const zh = diagnosticSentence(problem, 'zh');
      expect(zh, problem.message).toMatch(/[\u4e00-\u9fff]/);
      expect(zh).toMatch(/[。？]$/);
      expect(zh).not.toMatch(/undefined|\[object Object\]/);
      const id = idOf(problem);
      if (id !== null) expect(zh).toContain(id);
      expect(englishLeft(zh, problem.params), zh).toEqual([]);
    }
  });

  it('keeps Diagnostic.message as the English sentence of the catalogue', () => {
    for (const problem of problems.flatMap((p) => p.diagnostics)) {
      expect(diagnosticSentence(problem, 'en')).toBe(problem.message);
      expect(problem.message).toMatch(/^[A-Z]/);
    }
  });

  it('names a labelled node by type, label and id, in each language', () => {
    const problem = problems
      .flatMap((p) => p.diagnostics)
      .find((d) => d.code === 'BP016' && d.target.kind === 'node' && d.target.id === 's2')!;
    expect(problem.message).toBe(
      'No customer can ever reach step "s2" (Orphan check): there is no path to it from the start.',
    );
    expect(diagnosticSentence(problem, 'zh')).toBe(
      '顾客永远无法到达步骤“Orphan check”（s2）：从开始节点没有通往它的路径。',
    );
  });
});

const step: NodeRef = { id: 's3', type: 'step', label: '客户填写运单' };
const decision: NodeRef = { id: 'd1', type: 'decision', label: '地址完整？' };
const parallel: NodeRef = { id: 'p1', type: 'parallel' };
const join: NodeRef = { id: 'j1', type: 'join', label: '两处都完成' };
const reliability: Subject = {
  kind: 'field',
  field: 'reliability',
  of: { kind: 'node', node: step },
};
const duration: Subject = { kind: 'field', field: 'duration', of: { kind: 'node', node: step } };

/**
 * One example of every sentence of the catalogue. The type makes a new message key a compile
 * error here until it has an example, so every sentence is checked in Chinese.
 */
const EXAMPLES: { [K in MessageKey]: MessageParams[K] } = {
  'check-failed': { detail: 'Maximum call stack size exceeded' },
  'not-json': { at: { line: 3, column: 16 }, empty: false, detail: 'Unexpected token' },
  'not-text': { encoding: 'utf-8', offset: 1234 },
  'not-an-object': { found: 'list', format: 'failpoint.blueprint' },
  'no-format': { format: 'failpoint.blueprint' },
  'wrong-format': { found: { kind: 'text', text: 'bpmn' }, format: 'failpoint.blueprint' },
  'no-version': { current: 1 },
  'bad-version': { found: { kind: 'literal', text: '1.5' }, current: 1 },
  'too-new': { version: 7, current: 1 },
  'unknown-key': { subject: { kind: 'node', node: step }, key: 'lable', suggestion: 'label' },
  'field-for-other-types': {
    subject: { kind: 'node', node: decision },
    key: 'reliability',
    types: ['step'],
  },
  'missing-discriminator': {
    subject: { kind: 'node-number', number: 4 },
    key: 'type',
    options: ['start', 'end'],
  },
  'bad-discriminator': {
    subject: { kind: 'node', node: { id: 'n9' } },
    key: 'type',
    found: { kind: 'quoted', text: 'task' },
    options: ['start', 'step'],
  },
  'document-type': { expected: ['object'] },
  'missing-key': { subject: { kind: 'edge', id: 'e5' }, key: 'target', expected: ['text'] },
  'wrong-type': {
    subject: reliability,
    found: { kind: 'list' },
    expected: ['number', 'expression', 'observed'],
  },
  'invalid-option': {
    subject: { kind: 'node', node: step },
    key: 'lane',
    found: { kind: 'quoted', text: 'front-stage' },
    options: ['customer', 'frontstage'],
  },
  invalid: { subject: { kind: 'edge', id: 'e2' }, detail: 'Too big' },
  'parameter-name': { name: 'mod' },
  'duplicate-id': {
    id: 's1',
    first: { kind: 'node', number: 2 },
    second: { kind: 'edge', number: 3 },
  },
  expression: {
    subject: reliability,
    problem: {
      kind: 'forbidden',
      constructs: ['the function sin()'],
      found: [{ kind: 'function', name: 'sin' }, { kind: 'conditional' }],
    },
  },
  'probability-range': { subject: reliability, value: 1.2, expression: 'base * 2' },
  'negative-amount': { subject: duration, value: -1 },
  'negative-fixed': { subject: duration, value: -3 },
  'uniform-negative': { subject: duration, min: -1 },
  'uniform-order': { subject: duration, min: 60, max: 5 },
  'triangular-negative': { subject: duration, min: -2 },
  'triangular-empty': { subject: duration, min: 10, max: 3 },
  'triangular-mode': { subject: duration, min: 2, mode: 9, max: 8 },
  'normal-sd': {
    subject: { kind: 'recovery', field: 'cost', node: step },
    sd: -1,
  },
  'lognormal-sigma': { subject: duration, sigma: -0.5 },
  'exponential-mean': { subject: duration, mean: 0 },
  'observed-not-whole': {
    subject: { kind: 'observed', of: { kind: 'node', node: step } },
    successes: 1.5,
    trials: 3,
  },
  'observed-negative': {
    subject: { kind: 'observed', of: { kind: 'node', node: step } },
    successes: -1,
    trials: 3,
  },
  'observed-no-trials': { subject: { kind: 'observed', of: { kind: 'node', node: step } } },
  'observed-too-many': {
    subject: { kind: 'observed', of: { kind: 'node', node: step } },
    successes: 1010,
    trials: 1000,
  },
  'duplicate-node-id': { id: 's1' },
  'duplicate-edge-id': { id: 'e1' },
  'edge-missing-node': { edge: 'e2', end: 'target', node: 'finish' },
  'second-failure-edge': { node: step },
  'no-start': {},
  'several-starts': { count: 2, ids: ['start', 'start2'] },
  'no-success-end': {},
  'reliability-range': { node: step, value: 1.2 },
  'catch-range': { node: step, value: -0.1 },
  'failure-edge-not-step': { edge: 'e4', from: decision },
  'decision-edge-no-probability': { edge: 'e3', from: decision },
  'edge-probability-range': { edge: 'e3', value: 1.5 },
  'probability-not-allowed': { edge: 'e1' },
  'incoming-count': { node: join, count: 1, rule: { min: 2, max: null } },
  'outgoing-count': { node: step, count: 2, rule: { min: 1, max: 1 } },
  'decision-sum': { node: decision, sum: 0.97 },
  unreachable: { node: step },
  'loop-never-left': { node: step },
  'loop-without-end': { node: step },
  'no-end-reachable': { node: step },
  'loop-through-block': { node: step },
  'loop-too-interlinked': { node: step, states: 900 },
  'parallel-reentered': { parallel },
  'branch-returns': { parallel },
  'branch-escapes': { parallel, node: { id: 'end', type: 'end' } },
  'no-join': { parallel },
  'several-joins': { parallel, joins: [join, { id: 'j2', type: 'join' }] },
  'join-shared': { first: parallel, second: { id: 'p2', type: 'parallel' }, join },
  'join-without-parallel': { join },
  'branches-merge': { parallel, node: step },
  'block-entered': { edge: 'e9', parallel },
  'join-threshold': { join, k: 3, branches: 2 },
  'baseline-scenario-id': { id: 'baseline' },
  'duplicate-scenario-id': { id: 'better-7', first: 1, second: 2 },
  'missing-change-target': {
    scenario: 'better-7',
    change: 1,
    missing: { kind: 'node', id: 's7' },
  },
  'missing-option-target': {
    option: 'check-waybill',
    change: 1,
    missing: { kind: 'node', id: 's99' },
  },
  'in-option': {
    option: 'check-waybill',
    inner: {
      key: 'probability-range',
      params: { subject: reliability, value: 1.2, expression: null },
    },
  },
  'duplicate-option-id': { id: 'check-waybill', first: 1, second: 3 },
  'economics-negative': {
    subject: { kind: 'field', field: 'customersPerYear', of: { kind: 'economics' } },
    value: -10,
  },
  'economics-share': {
    subject: { kind: 'field', field: 'lostShare', of: { kind: 'economics' } },
    value: 1.3,
  },
  'missing-option': { scenario: 'budget', option: 'gold-plating' },
  'conflicting-options': {
    scenario: 'budget',
    first: 'check-waybill',
    second: 'train-customers',
    target: { kind: 'node', id: 's3' },
    field: 'reliability',
  },
  'in-scenario': {
    scenario: 'better-7',
    inner: { key: 'decision-sum', params: { node: decision, sum: 1.05 } },
  },
  'duplicate-key': {
    subject: { kind: 'node', node: step },
    key: 'reliability',
    at: { line: 17, column: 7 },
    first: { line: 16, column: 7 },
  },
  'more-problems': { code: 'BP004', count: 9980 },
};

/** One example of every kind of expression problem (BP013, BP014, BP015). */
const EXPRESSION_PROBLEMS: ExpressionProblem[] = [
  { kind: 'too-long', length: 600 },
  {
    kind: 'forbidden',
    constructs: [],
    found: [
      { kind: 'text-string' },
      { kind: 'constant', value: 'true' },
      { kind: 'operator', operator: '==' },
      { kind: 'comparison' },
      { kind: 'unnamed-call' },
      { kind: 'bare-name', name: 'evaluate' },
      { kind: 'assignment' },
      { kind: 'function-definition' },
      { kind: 'access' },
      { kind: 'list' },
      { kind: 'object' },
      { kind: 'range' },
      { kind: 'statements' },
      { kind: 'other', type: 'ConstantNode' },
    ],
  },
  { kind: 'syntax', detail: 'Unexpected end of expression (char 6)' },
  { kind: 'syntax', detail: 'it is empty', empty: true },
  { kind: 'unknown-parameter', names: ['baseRate', 'extra'] },
  { kind: 'evaluation', detail: 'Too few arguments in function min' },
  { kind: 'evaluation', detail: 'the expression reader is still loading', pending: true },
  { kind: 'not-finite', value: 'minus infinity' },
  { kind: 'cycle', names: ['a', 'b'] },
];

describe('the diagnostic catalogue', () => {
  const keys = Object.keys(EXAMPLES) as MessageKey[];
  const made = [
    ...keys.map((key) => ({
      key: key as string,
      problem: diagnostic(key, EXAMPLES[key] as never, { kind: 'document' }),
    })),
    ...EXPRESSION_PROBLEMS.map((problem) => ({
      key: `expression ${problem.kind}`,
      problem: diagnostic('expression', { subject: reliability, problem }),
    })),
  ];

  it.each(made)('$key: reads in Chinese with its names and numbers and no English', (m) => {
    const zh = diagnosticSentence(m.problem, 'zh');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(zh).not.toMatch(/undefined|\[object Object\]/);
    expect(englishLeft(zh, m.problem.params), zh).toEqual([]);
    // Every number and name the English sentence gives, the Chinese gives too.
    for (const text of namesIn(m.problem.params)) {
      expect(m.problem.message).toContain(text);
      expect(zh, `${zh} should name ${text}`).toContain(text);
    }
  });

  it('gives every code at least one sentence', () => {
    const codes = new Set<DiagnosticCode>(made.map((m) => m.problem.code));
    expect([...codes].sort()).toEqual(Object.keys(DIAGNOSTICS).sort());
  });

  it('writes a labelled node as type, label in quotes and id in brackets', () => {
    const zh = diagnosticSentence(diagnostic('unreachable', { node: step }), 'zh');
    expect(zh).toContain('步骤“客户填写运单”（s3）');
    const unlabelled = diagnostic('no-join', { parallel });
    expect(diagnosticSentence(unlabelled, 'zh')).toContain('并行分支节点“p1”');
    expect(unlabelled.message).toContain('Parallel "p1" has no join');
  });

  it('says an expression waiting for the parser is not checked yet, not that it is wrong', () => {
    const waiting = diagnostic('expression', {
      subject: reliability,
      problem: {
        kind: 'evaluation',
        detail: 'the expression reader is still loading',
        pending: true,
      },
    });
    expect(waiting.message).toMatch(/is not checked yet: the expression reader is still loading/);
    expect(waiting.message).not.toMatch(/cannot be evaluated/);
    const zh = diagnosticSentence(waiting, 'zh');
    expect(zh).toMatch(/尚未检查：表达式解析器仍在加载/);
    expect(zh).not.toMatch(/无法计算/);
  });

  it('writes numbers plainly and keeps the code of an expression problem', () => {
    const sum = diagnostic('decision-sum', { node: decision, sum: 0.97 });
    expect(sum.code).toBe('BP012');
    expect(diagnosticSentence(sum, 'zh')).toContain('0.97');
    const unknown = diagnostic('expression', {
      subject: reliability,
      problem: { kind: 'unknown-parameter', names: ['baseRate'] },
    });
    expect(unknown.code).toBe('BP013');
    expect(diagnosticSentence(unknown, 'zh')).toContain('“baseRate”');
    const wrapped = diagnostic('in-scenario', {
      scenario: 'x',
      inner: { key: 'unreachable', params: { node: step } },
    });
    expect(wrapped.code).toBe('BP016');
    expect(wrapped.message).toMatch(/^In scenario "x": No customer can ever reach step "s3"/);
  });
});

describe("the inspector's expression messages", () => {
  it('say what an expression may not contain, and where its syntax fails, in Chinese', () => {
    setLanguage('zh');
    try {
      const forbidden = checkExpression('sin(a) ? 1 : 0', () => true);
      expect(forbidden.ok).toBe(false);
      const refused = expressionProblemMessage(!forbidden.ok ? forbidden.problem : never());
      expect(refused.key).toBe('editing.validation.forbidden');
      expect(refused.vars?.constructs).toMatch(/^[^A-Za-z]*$/);
      expect(refused.vars?.constructs).toContain('条件表达式');

      const broken = checkExpression('0.9 +', () => true);
      const syntax = expressionProblemMessage(!broken.ok ? broken.problem : never());
      expect(syntax).toEqual({
        key: 'editing.validation.syntax',
        vars: { detail: '第 6 个字符处有语法错误' },
      });
    } finally {
      setLanguage('en');
    }
    const broken = checkExpression('0.9 +', () => true);
    const english = expressionProblemMessage(!broken.ok ? broken.problem : never());
    expect(english.vars?.detail).toMatch(/char 6/);
  });
});

function never(): never {
  throw new Error('The expression was expected to be refused.');
}
