/**
 * Bounds on what a sentence repeats from the file. A file may hold an id of a megabyte or a
 * loop through thousands of parameters; a sentence names such things shortened, so that every
 * sentence stays a few lines long whatever the file holds. The problem's `target` and `path`
 * keep the real id, so the app and scripts can still find the culprit.
 */

/** Longest id, label, key or name a sentence quotes whole, in characters. */
export const MAX_QUOTED_LENGTH = 60;

/** Longest explanation passed on from elsewhere (a parser's message), in characters. */
export const MAX_DETAIL_LENGTH = 200;

/** Most names a sentence lists before saying how many more there are. */
export const MAX_LISTED = 8;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * `text` cut to at most `max` characters, ending with an ellipsis when cut. Never splits a
 * surrogate pair, and reads only the start of a long text.
 *
 * @example
 * shortened('a'.repeat(1_000_000)) // → 'aaa…a…' (60 characters)
 */
export function shortened(text: string, max: number = MAX_QUOTED_LENGTH): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * The first `max` items of a list and how many are left out, for a sentence that lists names
 * ("a", "b", … and 2,990 more).
 */
export function listed<T>(
  items: readonly T[],
  max: number = MAX_LISTED,
): { shown: readonly T[]; more: number } {
  if (items.length <= max) return { shown: items, more: 0 };
  return { shown: items.slice(0, max), more: items.length - max };
}
