/**
 * Random mutations of blueprint documents, for the tests that hold the quick shape check of
 * `validate-shape.ts` to the schema it stands in for: each mutation aims at a place (an object
 * or a list inside the document) and sets or deletes one key there, and zod then says whether
 * the result is still a blueprint.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { BlueprintDocumentSchema } from '../src/sim/document-schema';
import { fitsBlueprintSchema } from '../src/sim/validate-shape';

/** True when the blueprint schema accepts `value`: the answer the quick check is held to. */
export const zodAccepts = (value: unknown): boolean =>
  BlueprintDocumentSchema.safeParse(value).success;

/**
 * The quick check's answer on `document` held to zod's: `fits` (zod must accept it, or the test
 * fails here), `refused` (zod refuses it too) or `unsure` (zod accepts what the quick check
 * could not tell).
 */
export function quickVerdict(document: unknown): 'fits' | 'refused' | 'unsure' {
  const accepted = zodAccepts(document);
  if (fitsBlueprintSchema(document)) {
    expect(accepted).toBe(true);
    return 'fits';
  }
  return accepted ? 'unsure' : 'refused';
}

/** The `.json` files of a folder (relative to the project), each by name with its text. */
export function jsonFiles(folder: string): { name: string; text: string }[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, text: readFileSync(`${folder}/${f}`, 'utf8') }));
}

/** A path of keys and list indexes from a document down to one of its parts. */
export type Place = (string | number)[];

/** Every path to an object or list inside `value`, `value` itself (at `path`) first. */
export function holders(value: unknown, path: Place = [], out: Place[] = []): Place[] {
  if (typeof value !== 'object' || value === null) return out;
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => holders(item, [...path, i], out));
  else for (const [key, item] of Object.entries(value)) holders(item, [...path, key], out);
  return out;
}

/** One change to a document: at a place, set a key to a value or delete it. */
export interface Mutation {
  /** Which place, wrapped around the places there are. */
  at: number;
  /** One of the place's own keys by position (a number), or a key by name. */
  key: number | string;
  action: 'set' | 'delete';
  value: unknown;
}

/** One to three mutations whose named keys come from `keys` and values from `values`. */
export function arbitraryMutations(
  keys: readonly string[],
  values: fc.Arbitrary<unknown>,
): fc.Arbitrary<Mutation[]> {
  return fc.array(
    fc.record({
      at: fc.nat(),
      key: fc.oneof(fc.nat(), fc.constantFrom(...keys)),
      action: fc.constantFrom<'set' | 'delete'>('set', 'delete'),
      value: values,
    }),
    { minLength: 1, maxLength: 3 },
  );
}

/**
 * Applies `mutation` to `document` in place, at `places[mutation.at % places.length]`. In a list
 * the key is an index up to one past its end; the value set is a copy, so that a later mutation
 * never edits the shared value the arbitrary hands out again.
 */
export function applyMutation(document: unknown, places: Place[], mutation: Mutation): void {
  const { at, key, action, value } = mutation;
  let holder = document;
  for (const segment of places[at % places.length]) {
    holder = (holder as Record<string, unknown>)[segment];
  }
  const target = holder as Record<string | number, unknown>;
  const own = Object.keys(target);
  const slot = Array.isArray(target)
    ? at % (target.length + 1)
    : typeof key === 'number'
      ? (own[key % Math.max(1, own.length)] ?? 'id')
      : key;
  if (action === 'delete') delete target[slot];
  else target[slot] = structuredClone(value);
}
