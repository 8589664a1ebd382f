/**
 * The expression parser arrives apart from the rest (the app fetches it after its first view):
 * which texts and blueprints need it, plain numbers judged without it exactly as with it, and
 * what `expressions.ts` says before it is installed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { mathjsExpressionParser } from '../src/sim/expression-parser';
import {
  checkExpression,
  documentNeedsExpressionParser,
  evaluateChecked,
  expressionNeedsParser,
  type CheckResult,
} from '../src/sim/expressions';

type ExpressionsModule = typeof import('../src/sim/expressions');

/**
 * A copy of `expressions.ts` of its own, bundled apart from the one the tests share (which has
 * the parser installed by tests/setup-expression-parser.ts): as the page has it before the
 * parser arrives.
 */
let copies = 0;

async function freshExpressions(): Promise<ExpressionsModule> {
  const bundled = await build({
    entryPoints: ['src/sim/expressions.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // What makes the parser worth loading apart: without it, none of mathjs comes along.
  const packages = Object.keys(bundled.metafile.inputs).filter((input) =>
    /node_modules\/(mathjs|decimal\.js|typed-function|complex\.js|fraction\.js)\//.test(input),
  );
  expect(packages).toEqual([]);
  // A module is loaded once per address: each copy gets an address of its own.
  copies += 1;
  const code = `${bundled.outputFiles[0].text}\n// copy ${copies}\n`;
  return (await import(
    `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
  )) as ExpressionsModule;
}

/** What a check says, without the text it was given. */
function verdict(result: CheckResult, values: ReadonlyMap<string, number>) {
  if (!result.ok) return { ok: false, problem: result.problem };
  return {
    ok: true,
    parameters: result.expression.parameters,
    evaluated: evaluateChecked(result.expression, values),
  };
}

describe('which expressions need the parser', () => {
  it('judges plain numbers and plain names without it, and nothing else', () => {
    for (const plain of ['0.97', '12', '2.5e-3', '1E+3', 'catchRate', 'x_1', 'sqrt', '']) {
      expect(expressionNeedsParser(plain), plain).toBe(false);
    }
    const needing = ['catchRate * 0.9', 'min(1, base + 0.02)', '-1', '+2', '.5', '1.', '0x1F'];
    needing.push(' 0.5', 'a ', '(a)', '基础费率', 'true', 'mod', 'NaN', 'Infinity', '1,5');
    for (const text of needing) expect(expressionNeedsParser(text), text).toBe(true);
    // Too long to be read at all: refused without the parser.
    expect(expressionNeedsParser('1+'.repeat(300))).toBe(false);
  });

  it('judges a plain number as the parser does', () => {
    const numbers = ['0', '7', '007', '0.97', '12.50', '2.5e-3', '1E+3', '1e999', '1e-999'];
    numbers.push('123456789012345678901234567890', '0.1', '3.14159265358979323846', '5e0');
    for (const text of numbers) {
      expect(expressionNeedsParser(text), text).toBe(false);
      const alone = verdict(
        checkExpression(text, () => false),
        new Map(),
      );
      // A leading space takes the text through the parser, which skips it.
      const parsed = verdict(
        checkExpression(` ${text}`, () => false),
        new Map(),
      );
      expect(alone, text).toEqual(parsed);
    }
  });

  it('finds no such expression in the example blueprints', () => {
    const examples = readdirSync('examples').filter((name) => name.endsWith('.json'));
    expect(examples).toContain('courier.blueprint.json');
    for (const name of examples) {
      const document: unknown = JSON.parse(readFileSync(`examples/${name}`, 'utf8'));
      expect(documentNeedsExpressionParser(document), name).toBe(false);
    }
  });

  it('finds one wherever a blueprint holds a value, and never in its texts', () => {
    const courier = JSON.parse(readFileSync('examples/courier.blueprint.json', 'utf8')) as {
      title?: string;
      nodes: { id: string; label?: string; notes?: string; reliability?: unknown }[];
      edges: { id: string; probability?: unknown }[];
      parameters?: Record<string, { value: unknown; notes?: string }>;
    };
    const changed = (change: (copy: typeof courier) => void): unknown => {
      const copy = structuredClone(courier);
      change(copy);
      return copy;
    };
    // Labels, notes and titles are sentences, not expressions.
    expect(
      documentNeedsExpressionParser(
        changed((copy) => {
          copy.title = 'A courier, door to door';
          copy.nodes[0].label = 'Pick up the parcel (before 9:00)';
          copy.nodes[0].notes = 'min(1, x) is not read here';
        }),
      ),
    ).toBe(false);
    const step = courier.nodes.findIndex((node) => node.reliability !== undefined);
    const cases: [string, (copy: typeof courier) => void][] = [
      ['a step', (copy) => void (copy.nodes[step].reliability = 'catchRate * 0.9')],
      ['an edge', (copy) => void (copy.edges[0].probability = '1 - 0.2')],
      ['a parameter', (copy) => void (copy.parameters = { p: { value: 'min(1, 0.5)' } })],
      [
        'a scenario',
        (copy) =>
          void Object.assign(copy, {
            scenarios: [
              {
                id: 's',
                name: 'Better',
                changes: [{ node: copy.nodes[step].id, set: { reliability: '0.9 ^ 2' } }],
              },
            ],
          }),
      ],
      [
        'the economics',
        (copy) =>
          void Object.assign(copy, {
            economics: { currency: 'EUR', customersPerYear: '1000 * 12', customerValue: 50 },
          }),
      ],
    ];
    for (const [where, change] of cases) {
      expect(documentNeedsExpressionParser(changed(change)), where).toBe(true);
    }
    // Nested deeper than any call stack would allow: still answered.
    let deep: unknown = 'a * 2';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(documentNeedsExpressionParser({ parameters: { p: { value: deep } } })).toBe(true);
  });
});

describe('before the parser is installed', () => {
  it('judges plain numbers and names, and says an expression is waiting for the parser', async () => {
    const fresh = await freshExpressions();
    expect(fresh.expressionParserReady()).toBe(false);
    const isParameter = (name: string) => name === 'catchRate';
    const values = new Map([['catchRate', 0.6]]);
    expect(fresh.evaluateExpression('catchRate', values)).toEqual({ ok: true, value: 0.6 });
    expect(fresh.evaluateExpression('0.97', values)).toEqual({ ok: true, value: 0.97 });
    expect(fresh.checkExpression('other', isParameter)).toEqual({
      ok: false,
      problem: { kind: 'unknown-parameter', names: ['other'] },
    });
    const waiting = fresh.checkExpression('catchRate * 0.9', isParameter);
    expect(waiting.ok).toBe(false);
    if (waiting.ok) return;
    expect(fresh.parserPending(waiting.problem)).toBe(true);
    expect(waiting.problem.kind).toBe('evaluation');
    // A parameter waiting for the parser has no value, and no wrong one.
    const resolved = fresh.resolveParameters(
      new Map<string, number | string>([
        ['base', 0.5],
        ['derived', 'base * 2'],
      ]),
    );
    expect([...resolved.values]).toEqual([['base', 0.5]]);
    expect(resolved.problems.map((p) => fresh.parserPending(p.problem))).toEqual([true]);

    const heard: string[] = [];
    const forgotten = fresh.onExpressionParserReady(() => heard.push('forgotten'));
    fresh.onExpressionParserReady((waited) => heard.push(`ready, waited: ${waited}`));
    forgotten();
    fresh.installExpressionParser(mathjsExpressionParser);
    expect(heard).toEqual(['ready, waited: true']);
    expect(fresh.expressionParserReady()).toBe(true);
    expect(fresh.evaluateExpression('catchRate * 0.9', values)).toEqual({
      ok: true,
      value: 0.6 * 0.9,
    });
    // Once installed, a listener has nothing to wait for.
    fresh.onExpressionParserReady(() => heard.push('late'));
    expect(heard).toEqual(['ready, waited: true']);
  });

  it('is a problem no real one is mistaken for', async () => {
    const fresh = await freshExpressions();
    // Plain numbers and names never wait for the parser.
    let waited: boolean | null = null;
    fresh.onExpressionParserReady((answer) => (waited = answer));
    fresh.resolveParameters(
      new Map<string, number | string>([
        ['a', '0.5'],
        ['b', 'a'],
      ]),
    );
    fresh.installExpressionParser(mathjsExpressionParser);
    expect(waited).toBe(false);
    const failed = fresh.evaluateExpression('min()', new Map());
    expect(failed.ok === false && failed.problem.kind).toBe('evaluation');
    expect(failed.ok === false && fresh.parserPending(failed.problem)).toBe(false);
  });
});
