/**
 * Plain names (ASCII letters, digits and `_`) are judged without the parser: as an expression
 * alone and as a parameter name. These tests hold that shortcut to what the parser says, over
 * every name the full mathjs library knows (its functions, constants and units), the properties
 * of JavaScript objects, and every name of one or two characters.
 */
import { create, all, type MathNode } from 'mathjs';
import { describe, expect, it } from 'vitest';
import {
  checkExpression,
  evaluateChecked,
  isValidParameterName,
  type CheckResult,
} from '../src/sim/expressions';

const full = create(all);

const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789';

function plainNames(): string[] {
  const names = new Set<string>([
    ...Object.keys(full),
    ...Object.getOwnPropertyNames(Object.prototype),
    ...Object.getOwnPropertyNames(Function.prototype),
    ...['mod', 'to', 'in', 'and', 'or', 'xor', 'not', 'end', 'true', 'false', 'null'],
    ...['undefined', 'Infinity', 'NaN', 'cm', 'kg', 'e', 'pi', 'i', 'e5', 'E2', 'x_1', '_'],
  ]);
  for (const a of CHARS) {
    names.add(a);
    for (const b of CHARS) names.add(a + b);
  }
  return [...names].filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
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

describe('plain names judged without the parser', () => {
  const names = plainNames();

  it('covers the library’s own names and the short ones', () => {
    expect(names).toContain('sqrt');
    expect(names).toContain('constructor');
    expect(names).toContain('cm');
    expect(names.length).toBeGreaterThan(3000);
  });

  it('accepts as a parameter name only plain names the parser reads as themselves', () => {
    const symbol = (name: string): boolean => {
      try {
        const tree = full.parse(name) as MathNode & { name?: string };
        return tree.type === 'SymbolNode' && tree.name === name;
      } catch {
        return false;
      }
    };
    const accepted = names.filter((name) => isValidParameterName(name));
    expect(accepted).toContain('catchRate'.slice(0, 2));
    expect(accepted.filter((name) => !symbol(name))).toEqual([]);
    // The words the parser reads as operators or constants are refused.
    for (const word of ['mod', 'to', 'in', 'and', 'not', 'true', 'null', 'NaN', 'Infinity']) {
      expect(isValidParameterName(word), word).toBe(false);
    }
  });

  it('checks and evaluates a lone name as the parser does, known or not', () => {
    const values = new Map([['known', 0.25]]);
    const mismatches: string[] = [];
    for (const name of names) {
      for (const isParameter of [() => true, () => false, (other: string) => values.has(other)]) {
        const given = new Map(values).set(name, 0.5);
        const alone = verdict(checkExpression(name, isParameter), given);
        // A leading space is no longer a plain name: it goes through the parser, which skips it.
        const parsed = verdict(checkExpression(` ${name}`, isParameter), given);
        // The space moves a syntax error's position by one character.
        const same = (a: unknown) => JSON.stringify(a).replace(/\(char \d+\)/g, '(char)');
        if (same(alone) !== same(parsed)) mismatches.push(name);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('gives a parameter’s value, and no value for one without it', () => {
    const result = checkExpression('catchRate', (name) => name === 'catchRate');
    expect(result.ok && result.expression.parameters).toEqual(['catchRate']);
    if (!result.ok) return;
    expect(result.expression.evaluate(new Map([['catchRate', 0.6]]))).toBe(0.6);
    expect(evaluateChecked(result.expression, new Map())).toEqual({
      ok: false,
      problem: { kind: 'not-finite', value: 'an undefined result (NaN)' },
    });
  });
});
