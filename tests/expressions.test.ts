import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_EXPRESSION_LENGTH,
  checkExpression,
  evaluateExpression,
  expressionProblemCode,
  isValidParameterName,
  resolveParameters,
} from '../src/sim/expressions';

const params = (entries: Record<string, number>) => new Map(Object.entries(entries));

function valueOf(text: string, values: Record<string, number> = {}): number {
  const result = evaluateExpression(text, params(values));
  if (!result.ok) throw new Error(`"${text}" failed: ${JSON.stringify(result.problem)}`);
  return result.value;
}

function codeOf(text: string, values: Record<string, number> = {}): string {
  const result = evaluateExpression(text, params(values));
  if (result.ok) throw new Error(`"${text}" was accepted with value ${result.value}`);
  return expressionProblemCode(result.problem);
}

/** Parameter values that record every read: an expression that is refused must never read them. */
class RecordingValues extends Map<string, number> {
  readonly reads: string[] = [];
  override get(name: string): number | undefined {
    this.reads.push(name);
    return super.get(name);
  }
}

describe('evaluating allowed expressions', () => {
  it('follows the usual precedence of + - * / ^ and unary minus', () => {
    expect(valueOf('1 + 2 * 3 ^ 2')).toBe(19);
    expect(valueOf('(1 + 2) * 3')).toBe(9);
    expect(valueOf('-2 ^ 2')).toBe(-4);
    expect(valueOf('10 / 4 - 1')).toBe(1.5);
    expect(valueOf('+0.5')).toBe(0.5);
  });

  it('calls each allowed function', () => {
    expect(valueOf('min(0.9, a, 0.95)', { a: 0.8 })).toBe(0.8);
    expect(valueOf('max(0.9, a)', { a: 0.8 })).toBe(0.9);
    expect(valueOf('abs(-0.25)')).toBe(0.25);
    expect(valueOf('sqrt(0.81)')).toBeCloseTo(0.9, 15);
    expect(valueOf('exp(0)')).toBe(1);
    expect(valueOf('log(exp(2))')).toBeCloseTo(2, 15);
    expect(valueOf('pow(0.99, 10)')).toBeCloseTo(0.99 ** 10, 15);
    expect(valueOf('round(0.98765, 2)')).toBe(0.99);
  });

  it('uses parameter values, including implicit multiplication', () => {
    expect(valueOf('catchRate * 0.5', { catchRate: 0.6 })).toBeCloseTo(0.3, 15);
    expect(valueOf('2 base', { base: 0.25 })).toBe(0.5);
    expect(valueOf('1 - (1 - r) * (1 - c)', { r: 0.9, c: 0.6 })).toBeCloseTo(0.96, 15);
  });

  it('reports the parameters an expression uses, once each', () => {
    const checked = checkExpression('a + b * a - min(a, c)', () => true);
    expect(checked.ok && checked.expression.parameters).toEqual(['a', 'b', 'c']);
  });

  it('agrees with JavaScript arithmetic on random expressions', () => {
    type Tree = { text: string; value: number };
    const leaf = fc
      .integer({ min: -50, max: 50 })
      .map((n): Tree => ({ text: n < 0 ? `(${n})` : String(n), value: n }));
    const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc
          .tuple(tie('tree'), fc.constantFrom('+', '-', '*', '/'), tie('tree'))
          .map(([l, op, r]): Tree => {
            const value =
              op === '+'
                ? l.value + r.value
                : op === '-'
                  ? l.value - r.value
                  : op === '*'
                    ? l.value * r.value
                    : l.value / r.value;
            return { text: `(${l.text} ${op} ${r.text})`, value };
          }),
      ),
    }));
    fc.assert(
      fc.property(tree, ({ text, value }) => {
        fc.pre(text.length <= MAX_EXPRESSION_LENGTH);
        const result = evaluateExpression(text, new Map());
        if (Number.isFinite(value)) {
          expect(result.ok).toBe(true);
          if (result.ok) expect(result.value).toBeCloseTo(value, 9);
        } else {
          expect(result.ok).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('refusing what expressions may not contain', () => {
  const hostile: [string, RegExp][] = [
    ['import({ min: a }, { override: true })', /function import\(\)/],
    ['evaluate("1") + a', /function evaluate\(\)/],
    ['parse("a") * a', /function parse\(\)/],
    ['createUnit("parcel") + a', /function createUnit\(\)/],
    ['f(x) = x + a', /function definition/],
    ['a = 1', /assignment/],
    ['a.constructor', /property or index access/],
    ['a["b"]', /property or index access/],
    ['a[1]', /property or index access/],
    ['"a" + a', /text string/],
    ["'a'", /text string/],
    ['[1, a]', /list or matrix/],
    ['{ b: a }', /an object/],
    ['1:a', /range/],
    ['a > 0 ? 1 : 0', /conditional/],
    ['a < 1', /comparison/],
    ['0 < a < 1', /comparison/],
    ['a + 5!', /operator "!"/],
    ['7 mod 2', /operator "mod"/],
    ['a and 1', /operator "and"/],
    ["a'", /operator "'"/],
    ['1; 2', /several statements/],
    ['true', /constant true/],
    ['sin(a)', /function sin\(\)/],
    ['evaluate', /name "evaluate"/],
    ['min', /name "min"/],
  ];

  it.each(hostile)('refuses %s as forbidden (BP014), saying what was refused', (text, what) => {
    const result = evaluateExpression(text, params({ a: 0.5 }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.kind).toBe('forbidden');
    expect(expressionProblemCode(result.problem)).toBe('BP014');
    expect(result.problem.kind === 'forbidden' && result.problem.constructs.join(' ')).toMatch(
      what,
    );
  });

  it('never evaluates a refused expression or reads a parameter for it', () => {
    const values = new RecordingValues([['a', 0.5]]);
    for (const [text] of hostile) expect(evaluateExpression(text, values).ok).toBe(false);
    expect(values.reads).toEqual([]);
    // The recorder works: an allowed expression does read the parameter.
    expect(evaluateExpression('a + 1', values)).toEqual({ ok: true, value: 1.5 });
    expect(values.reads).toEqual(['a']);
  });

  it('stays unchanged after an attempt to import into it', () => {
    codeOf('import({ min: 1 }, { override: true })');
    expect(valueOf('min(0.2, 0.3)')).toBe(0.2);
  });

  it('accepts exactly 500 characters and refuses 501', () => {
    const exact = `0.5${' '.repeat(MAX_EXPRESSION_LENGTH - 3)}`;
    expect(exact).toHaveLength(500);
    expect(valueOf(exact)).toBe(0.5);
    const longer = `${exact} `;
    const result = evaluateExpression(longer, new Map());
    expect(result.ok === false && result.problem).toEqual({ kind: 'too-long', length: 501 });
    expect(codeOf(longer)).toBe('BP014');
  });

  it('reports unknown names as unknown parameters (BP013), all of them', () => {
    const result = evaluateExpression('base + extra * a', params({ a: 1 }));
    expect(result.ok === false && result.problem).toEqual({
      kind: 'unknown-parameter',
      names: ['base', 'extra'],
    });
    expect(codeOf('pi / 4')).toBe('BP013');
  });

  it('reports syntax errors and non-finite results as invalid (BP015)', () => {
    for (const text of ['0.9 +', '(0.9', '', '   ', '1/0', 'sqrt(-1)', 'log(0)', 'min()']) {
      expect(codeOf(text), text).toBe('BP015');
    }
    const result = evaluateExpression('1/0', new Map());
    expect(result.ok === false && result.problem).toEqual({
      kind: 'not-finite',
      value: 'infinity',
    });
  });
});

describe('parameter names', () => {
  it('accepts plain identifiers', () => {
    for (const name of ['catchRate', 'base_2', '_share', 'rélia', 'p']) {
      expect(isValidParameterName(name), name).toBe(true);
    }
  });

  it('refuses names that are not one identifier, or that mean something else', () => {
    const refused = ['', '2x', 'a b', 'a-b', 'min', 'round', 'mod', 'to', 'not', 'import'];
    for (const name of [...refused, 'constructor', '__proto__', 'Infinity', 'x'.repeat(65)]) {
      expect(isValidParameterName(name), name).toBe(false);
    }
  });
});

describe('resolving parameters that use other parameters', () => {
  it('evaluates in dependency order, whatever the order of the file', () => {
    const resolved = resolveParameters(
      new Map<string, number | string>([
        ['both', 'first + second'],
        ['second', 'first * 2'],
        ['first', 0.1],
      ]),
    );
    expect(resolved.problems).toEqual([]);
    expect(resolved.values.get('second')).toBeCloseTo(0.2, 15);
    expect(resolved.values.get('both')).toBeCloseTo(0.3, 15);
  });

  it('reports each member of a loop once, and not the parameters that merely use the loop', () => {
    const resolved = resolveParameters(
      new Map<string, number | string>([
        ['a', 'b + 1'],
        ['b', 'c * 2'],
        ['c', 'a'],
        ['user', 'a / 2'],
        ['self', 'self + 1'],
        ['fine', 3],
      ]),
    );
    const byName = new Map(resolved.problems.map((p) => [p.name, p.problem]));
    expect([...byName.keys()].sort()).toEqual(['a', 'b', 'c', 'self']);
    expect(byName.get('b')).toEqual({ kind: 'cycle', names: ['b', 'c', 'a'] });
    expect(byName.get('self')).toEqual({ kind: 'cycle', names: ['self'] });
    expect(expressionProblemCode(byName.get('a')!)).toBe('BP015');
    expect(resolved.blocked.has('user')).toBe(true);
    expect(resolved.values.get('fine')).toBe(3);
    expect(resolved.values.has('user')).toBe(false);
  });

  it('reports unknown and forbidden names inside a parameter and blocks its users', () => {
    const resolved = resolveParameters(
      new Map<string, number | string>([
        ['a', 'missing + 1'],
        ['b', 'a.constructor'],
        ['c', 'a + 1'],
      ]),
    );
    expect(resolved.problems.map((p) => [p.name, expressionProblemCode(p.problem)])).toEqual([
      ['a', 'BP013'],
      ['b', 'BP014'],
    ]);
    expect(resolved.blocked).toEqual(new Set(['c']));
  });
});

describe('the private mathjs instance', () => {
  it('explains a wrong call in the words of the full library', () => {
    const detail = (text: string) => {
      const result = evaluateExpression(text, new Map());
      return result.ok === false && result.problem.kind === 'evaluation' && result.problem.detail;
    };
    expect(detail('min()')).toBe('Too few arguments in function min (expected: any, index: 0)');
    expect(detail('round(1, 2, 3)')).toBe(
      'Too many arguments in function round (expected: 2, actual: 3)',
    );
    expect(detail('pow(2)')).toBe(
      'Too few arguments in function pow (expected: number or Complex or BigNumber or bigint or Fraction or string or boolean, index: 1)',
    );
    expect(detail('round(0.5, 16)')).toBe(
      'Number of decimals in function round must be an integer from 0 to 15 inclusive',
    );
  });

  it('takes real roots of negative numbers as the full library does', () => {
    expect(valueOf('(-8) ^ (1 / 3)')).toBeCloseTo(-2, 12);
    expect(codeOf('sqrt(-1)')).toBe('BP015');
  });

  it('reads unit names as plain parameter names, and as unknown when there is no such parameter', () => {
    expect(valueOf('cm * 2 + kg', { cm: 0.25, kg: 0.5 })).toBe(1);
    expect(isValidParameterName('cm')).toBe(true);
    const result = evaluateExpression('2 cm', new Map());
    expect(result.ok === false && result.problem).toEqual({
      kind: 'unknown-parameter',
      names: ['cm'],
    });
  });
});
