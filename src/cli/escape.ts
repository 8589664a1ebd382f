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
 * parses to the same value.
 */
export function jsonDocument(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    UNSAFE_IN_JSON,
    (char) => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
  return `${text}\n`;
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
