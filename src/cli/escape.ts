/**
 * Names from a blueprint file (ids, labels, titles, scenario and parameter names) and paths
 * from the command line are text an author chose. Printed raw, an escape sequence in a label
 * would clear the reader's screen or plant a hyperlink, a bidi override would reorder what they
 * read, and a newline in an id would forge a line of output. Every printer of the command line
 * passes such text through {@link shown}; {@link safeOutput} is the last guard on whole outputs,
 * and {@link jsonDocument} writes JSON with the same characters escaped.
 */

/**
 * Characters a terminal acts on instead of drawing: C0 controls, DEL, C1 controls (U+009B is
 * a one-byte CSI on some terminals), the Arabic letter mark, the left-to-right and
 * right-to-left marks, the line and paragraph separators, and the bidi embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- control characters are what is being escaped
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The visible spelling of one unsafe character: `\n`, `\x1b`, `\u202e`. */
function spell(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.codePointAt(0)!;
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A name or path as it may be printed: every character a terminal would act on (including
 * newlines and tabs) spelt out visibly, e.g. `"a\x1b[2Jb"` for an id holding a clear-screen
 * sequence. Text without such characters comes back unchanged.
 */
export function shown(text: string): string {
  return text.replace(UNSAFE, spell);
}

/**
 * The sequences the command line itself writes to a terminal: newline, tab, carriage return
 * and "erase to the end of the line" (`ESC [ K`), which the progress bar uses to redraw itself.
 */
// eslint-disable-next-line no-control-regex -- the command line's own terminal controls
const OWN_CONTROLS = /\x1b\[K|[\n\t\r]/uy;

/**
 * A whole output as it may reach the terminal: the line structure the command wrote is kept
 * (newlines, tabs, the progress bar's carriage return and erase-line), every other unsafe
 * character is spelt out. Names are escaped by {@link shown} where they are printed; this guard
 * makes sure a printer that forgot cannot let a control sequence through.
 */
export function safeOutput(text: string): string {
  return text.replace(UNSAFE, (char, offset: number) => {
    OWN_CONTROLS.lastIndex = offset;
    return OWN_CONTROLS.test(text) ? char : spell(char);
  });
}

/**
 * Characters JSON.stringify leaves raw but a terminal acts on: DEL, the C1 controls, the bidi
 * marks and controls, the line and paragraph separators.
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/**
 * A `--json` document: `JSON.stringify` with two-space indentation and a final newline, with
 * the characters it leaves raw but a terminal acts on written as `\uXXXX` escapes. They can
 * only stand inside strings, where `\uXXXX` reads back as the same character, so the document
 * parses to the same value. For a document that may be large, {@link writeJsonDocument}.
 */
export function jsonDocument(value: unknown): string {
  return [...jsonPieces(value)].join('');
}

/**
 * Writes the {@link jsonDocument} of `value` in pieces of one to a few megabytes: the document of a
 * million-node blueprint is hundreds of megabytes, near the longest string JavaScript can hold,
 * and is never held whole.
 */
export function writeJsonDocument(write: (text: string) => void, value: unknown): void {
  let batch: string[] = [];
  let length = 0;
  for (const piece of jsonPieces(value)) {
    batch.push(piece);
    length += piece.length;
    if (length >= JSON_BATCH_LENGTH) {
      write(batch.join(''));
      batch = [];
      length = 0;
    }
  }
  if (batch.length > 0) write(batch.join(''));
}

/** Characters gathered before each write of {@link writeJsonDocument}. */
const JSON_BATCH_LENGTH = 1 << 20;

/**
 * Lists and objects holding this many members or more, counted down through the lists and
 * objects inside them, are written member by member; smaller ones whole, by `JSON.stringify`.
 */
const JSON_WHOLE_BELOW = 256;

/**
 * The text of {@link jsonDocument} in pieces whose concatenation it is: `JSON.stringify(value,
 * null, 2)`, escaped, with a final newline. Large lists and objects are opened member by member,
 * down to members holding fewer than `wholeBelow` entries in all, each written whole.
 */
export function* jsonPieces(value: unknown, wholeBelow = JSON_WHOLE_BELOW): Generator<string> {
  yield* valuePieces(toJsonValue(value, ''), '', wholeBelow);
  yield '\n';
}

/** Members, counted down through what they hold, written by one `JSON.stringify` at most. */
const JSON_RUN_ENTRIES = 4096;

/** `json` (a value after its `toJSON`) as JSON text at `indent`. */
function* valuePieces(json: unknown, indent: string, wholeBelow: number): Generator<string> {
  const isList = Array.isArray(json);
  // A list's indices are not listed as keys: a million-step list would make a million strings.
  const names = json !== null && typeof json === 'object' && !isList ? Object.keys(json) : null;
  const size = isList ? json.length : names === null ? 0 : names.length;
  if (size === 0 || entriesUpTo(json, wholeBelow) < wholeBelow) {
    yield escapeJson(stringifyAt(json, indent.length / 2) ?? 'null');
    return;
  }
  const inner = `${indent}  `;
  const members = json as Record<string, unknown>;
  const list = json as unknown[];
  const memberAt = (i: number) => (isList ? list[i] : members[names![i]]);
  let written = 0;
  yield isList ? '[' : '{';
  for (let i = 0; i < size;) {
    // A run of small members is written by one JSON.stringify of a list or object holding just
    // them, cut out of its brackets and indented; a member with a toJSON of its own is not
    // taken into a run, since it would be given another key.
    const run: unknown[] | Record<string, unknown> = isList ? [] : Object.create(null);
    let entries = 0;
    let end = i;
    for (; end < size && entries < JSON_RUN_ENTRIES; end++) {
      const member = memberAt(end);
      const inside = entriesUpTo(member, wholeBelow);
      if (inside >= wholeBelow || hasToJson(member)) break;
      if (isList) (run as unknown[]).push(member);
      else (run as Record<string, unknown>)[names![end]] = member;
      entries += 1 + inside;
    }
    if (end > i) {
      const text = stringifyAt(run, indent.length / 2)!;
      // An object whose run held only members JSON leaves out is written as {}.
      if (text.length > 2) {
        // The run's members without its brackets: "[\n" before, "\n" + indent + "]" after.
        const body = text.slice(2, text.length - indent.length - 2);
        yield escapeJson(`${written > 0 ? ',' : ''}\n${body}`);
        written++;
      }
      i = end;
      continue;
    }
    // A large member, or one with a toJSON: written on its own.
    const name = isList ? String(i) : names![i];
    const member = toJsonValue(memberAt(i), name);
    i++;
    if (
      !isList &&
      (member === undefined || typeof member === 'function' || typeof member === 'symbol')
    ) {
      continue;
    }
    yield `${written > 0 ? ',' : ''}\n${inner}${isList ? '' : `${escapeJson(JSON.stringify(name))}: `}`;
    written++;
    yield* valuePieces(member, inner, wholeBelow);
  }
  yield written > 0 ? `\n${indent}${isList ? ']' : '}'}` : isList ? ']' : '}';
}

/**
 * `JSON.stringify(value, null, 2)` as it reads `depth` levels down a document: every line after
 * the first indented by 2 × `depth` spaces. The value is wrapped in `depth` lists for
 * JSON.stringify to indent it, and cut out of them.
 */
function stringifyAt(value: unknown, depth: number): string | undefined {
  if (depth === 0) return JSON.stringify(value, null, 2);
  // A value JSON leaves out is null inside a list, where it is never written.
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
    return undefined;
  }
  let wrapped: unknown = value;
  for (let level = 0; level < depth; level++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Before the value: "[\n", "  [\n", … one per wrapper, then its own indentation; after it,
  // "\n]", "\n  ]", …: depth · (depth + 1) characters each way, and 2 · depth spaces.
  const around = depth * (depth + 1);
  return text.slice(around + 2 * depth, text.length - around);
}

/** Whether `value` has a toJSON, which JSON.stringify calls with the value's key. */
function hasToJson(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}

/**
 * The members of `json` and of every list and object inside it, counted until `limit` is
 * reached: a look at no more than `limit` members, however large the value.
 */
function entriesUpTo(json: unknown, limit: number): number {
  if (json === null || typeof json !== 'object') return 0;
  const members = Array.isArray(json) ? json : Object.values(json);
  let count = members.length;
  for (let i = 0; i < members.length && count < limit; i++) {
    count += entriesUpTo(members[i], limit - count);
  }
  return count;
}

/** What JSON.stringify writes for `value`: its `toJSON(key)` when it has one. */
function toJsonValue(value: unknown, key: string): unknown {
  const withToJson = value as { toJSON?: (key: string) => unknown } | null;
  return withToJson !== null && typeof withToJson?.toJSON === 'function'
    ? withToJson.toJSON(key)
    : value;
}

function escapeJson(text: string): string {
  return text.replace(
    UNSAFE_IN_JSON,
    (char) => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}

/**
 * An id-keyed table for JSON: an object without a prototype, so that a node called
 * `__proto__` or `constructor` is a key like any other instead of changing or hiding behind
 * the prototype. Entries keep the order given; `undefined` values are left out.
 */
export function idTable<T>(entries: Iterable<readonly [string, T | undefined]>): Record<string, T> {
  const table = Object.create(null) as Record<string, T>;
  for (const [id, value] of entries) {
    if (value !== undefined) table[id] = value;
  }
  return table;
}
