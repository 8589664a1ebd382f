/**
 * A quick reader for large blueprints written plainly: nodes and edges whose values are all
 * numbers (no expressions, no parameters, no scenarios, options or economics). It walks the
 * JSON text once, character by character, and builds the model without making the document's
 * objects first, which on a blueprint of a million nodes is most of the time and memory of
 * reading it (`JSON.parse` alone makes several objects per node).
 *
 * The reader is one-sided: it answers with a blueprint only for text that the full parser
 * accepts, and whose model and figures come out the same; on anything else (an expression, a
 * key it does not know, a key given twice, a value out of range, a malformed token, a model
 * that does not build) it answers `null` and the full parser reads the file, so every problem
 * is described exactly as before. The blueprint's document is read from the text the first
 * time someone asks for its nodes or edges.
 */
import { BLUEPRINT_FORMAT, BLUEPRINT_VERSION, type BlueprintDocument } from '../document';
import type { Distribution, EdgeInput, Lane, NodeInput, NodeType, Outcome } from '../model';
import type { ParseResult } from '../parse';
import { buildModel } from '../structure';

/**
 * Texts shorter than this (UTF-16 code units, about 4,000 nodes) are left to the full parser:
 * they read in milliseconds either way, and their blueprint keeps a document made at once.
 */
export const PLAIN_READ_MIN_LENGTH = 1 << 20;

/** Thrown inside the reader when the text is not of the plain shape; never leaves this file. */
class NotPlain {}
const NOT_PLAIN = new NotPlain();

function notPlain(): never {
  throw NOT_PLAIN;
}

// Character codes.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/** The node fields the reader knows, as bits, so that a key given twice is seen at once. */
const N_ID = 1 << 0;
const N_TYPE = 1 << 1;
const N_LABEL = 1 << 2;
const N_LANE = 1 << 3;
const N_POSITION = 1 << 4;
const N_NOTES = 1 << 5;
const N_RELIABILITY = 1 << 6;
const N_RECOVERY = 1 << 7;
const N_DURATION = 1 << 8;
const N_COST = 1 << 9;
const N_OUTCOME = 1 << 10;
const N_K = 1 << 11;

const BASE_KEYS = N_ID | N_TYPE | N_LABEL | N_LANE | N_POSITION | N_NOTES;

/** The keys each node type may carry (the schema's strict objects). */
const ALLOWED_NODE_KEYS: Readonly<Record<NodeType, number>> = {
  start: BASE_KEYS,
  end: BASE_KEYS | N_OUTCOME,
  step: BASE_KEYS | N_RELIABILITY | N_RECOVERY | N_DURATION | N_COST,
  decision: BASE_KEYS,
  parallel: BASE_KEYS,
  join: BASE_KEYS | N_K,
};

const NODE_TYPE_OF: ReadonlyMap<string, NodeType> = new Map(
  (['start', 'end', 'step', 'decision', 'parallel', 'join'] as const).map((t) => [t, t]),
);
const LANE_OF: ReadonlyMap<string, Lane> = new Map(
  (['customer', 'frontstage', 'backstage', 'support'] as const).map((l) => [l, l]),
);

/** The parameters of each distribution family, in the order the full parser builds them. */
const DISTRIBUTION_FIELDS: ReadonlyMap<string, readonly string[]> = new Map<
  string,
  readonly string[]
>([
  ['fixed', ['value']],
  ['uniform', ['min', 'max']],
  ['triangular', ['min', 'mode', 'max']],
  ['normal', ['mean', 'sd']],
  ['lognormal', ['mu', 'sigma']],
  ['exponential', ['mean']],
]);

/** A walk over JSON text that reads only the plain shape and gives up on anything else. */
class Cursor {
  at = 0;
  constructor(private readonly text: string) {}

  /** Skips JSON whitespace (space, tab, line feed, carriage return) and returns the next code. */
  peek(): number {
    const text = this.text;
    let at = this.at;
    let code = text.charCodeAt(at);
    while (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) {
      code = text.charCodeAt(++at);
    }
    this.at = at;
    return code;
  }

  expect(code: number): void {
    if (this.peek() !== code) notPlain();
    this.at++;
  }

  /**
   * True when the next character is `code` (consumed), false when it is `otherwise` (left),
   * and gives up on anything else: reads the separators of a list or an object.
   */
  either(code: number, otherwise: number): boolean {
    const next = this.peek();
    if (next === code) {
      this.at++;
      return true;
    }
    if (next !== otherwise) notPlain();
    return false;
  }

  /**
   * The start and end (exclusive) of the next string's content, with the cursor after its
   * closing quote; `escaped` tells whether it holds a backslash.
   */
  private stringBounds(): { start: number; end: number; escaped: boolean } {
    if (this.peek() !== QUOTE) notPlain();
    const text = this.text;
    const start = this.at + 1;
    let at = start;
    let escaped = false;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) break;
      if (code === BACKSLASH) {
        escaped = true;
        at += 2;
        continue;
      }
      // A raw control character (or the end of the text) is a syntax error for JSON.parse.
      if (!(code >= 0x20)) notPlain();
      at++;
    }
    this.at = at + 1;
    return { start, end: at, escaped };
  }

  string(): string {
    const { start, end, escaped } = this.stringBounds();
    if (!escaped) return this.text.slice(start, end);
    // Escapes are rare in blueprints: JSON.parse decodes them (and refuses bad ones).
    let decoded: unknown;
    try {
      decoded = JSON.parse(this.text.slice(start - 1, end + 1));
    } catch {
      notPlain();
    }
    return decoded as string;
  }

  /**
   * The next key followed by its colon, as an index into `keys`; gives up on a key not in the
   * list, or written with escapes (which might spell a listed key another way).
   */
  key(keys: readonly string[]): number {
    const { start, end, escaped } = this.stringBounds();
    if (escaped) notPlain();
    const length = end - start;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key.length === length && this.text.startsWith(key, start)) {
        this.expect(COLON);
        return i;
      }
    }
    return notPlain();
  }

  /** The next number, by JSON's grammar exactly; anything else (a string, null…) gives up. */
  number(): number {
    const text = this.text;
    const start = this.peek() === MINUS ? this.at + 1 : this.at;
    let at = start;
    let code = text.charCodeAt(at);
    if (code === DIGIT_0) {
      code = text.charCodeAt(++at);
    } else if (code > DIGIT_0 && code <= DIGIT_9) {
      do code = text.charCodeAt(++at);
      while (code >= DIGIT_0 && code <= DIGIT_9);
    } else {
      notPlain();
    }
    if (code === DOT) {
      code = text.charCodeAt(++at);
      if (!(code >= DIGIT_0 && code <= DIGIT_9)) notPlain();
      do code = text.charCodeAt(++at);
      while (code >= DIGIT_0 && code <= DIGIT_9);
    }
    if (code === LOWER_E || code === UPPER_E) {
      code = text.charCodeAt(++at);
      if (code === PLUS || code === MINUS) code = text.charCodeAt(++at);
      if (!(code >= DIGIT_0 && code <= DIGIT_9)) notPlain();
      do code = text.charCodeAt(++at);
      while (code >= DIGIT_0 && code <= DIGIT_9);
    }
    // The same decimal-to-binary conversion as JSON.parse: both round correctly.
    const value = Number(text.slice(this.at, at));
    this.at = at;
    // A number too large for a double is Infinity, which the schema refuses.
    if (!Number.isFinite(value)) notPlain();
    return value;
  }

  /** True at the end of the text, whitespace aside. */
  atEnd(): boolean {
    return Number.isNaN(this.peek());
  }
}

const DOCUMENT_KEYS = ['format', 'version', 'title', 'description', 'notes', 'nodes', 'edges'];
const NODE_KEYS = [
  'id',
  'type',
  'label',
  'lane',
  'position',
  'notes',
  'reliability',
  'recovery',
  'duration',
  'cost',
  'outcome',
  'k',
];
const POSITION_KEYS = ['x', 'y', 'notes'];
const OBSERVED_KEYS = ['successes', 'trials', 'notes'];
const RECOVERY_KEYS = ['catch', 'label', 'duration', 'cost', 'notes'];
const EDGE_KEYS = ['id', 'source', 'target', 'kind', 'probability', 'label', 'notes'];
const DISTRIBUTION_KEYS = [
  'dist',
  'value',
  'min',
  'max',
  'mode',
  'mean',
  'sd',
  'mu',
  'sigma',
  'notes',
];

/**
 * Reads the members of an object, calling `member` with the index of each key in `keys`; a key
 * given twice, or one not listed, gives up. Returns the bits of the keys seen.
 */
function readObject(
  cursor: Cursor,
  keys: readonly string[],
  member: (key: number) => void,
): number {
  cursor.expect(OPEN_BRACE);
  let seen = 0;
  if (cursor.either(CLOSE_BRACE, QUOTE)) return seen;
  do {
    const key = cursor.key(keys);
    const bit = 1 << key;
    if (seen & bit) notPlain();
    seen |= bit;
    member(key);
  } while (cursor.either(COMMA, CLOSE_BRACE));
  cursor.expect(CLOSE_BRACE);
  return seen;
}

/** A probability written as a number in [0, 1], as the full parser accepts it. */
function probability(cursor: Cursor): number {
  const value = cursor.number();
  if (value < 0 || value > 1) notPlain();
  return value;
}

/** A position: two numbers (and notes), which the model does not use. */
function skipPosition(cursor: Cursor): void {
  const seen = readObject(cursor, POSITION_KEYS, (key) => {
    if (key === 2) cursor.string();
    else cursor.number();
  });
  if ((seen & 3) !== 3) notPlain();
}

/** A duration or a cost: a plain amount or a distribution whose parameters are numbers. */
function quantity(cursor: Cursor): Distribution {
  if (cursor.peek() !== OPEN_BRACE) {
    const value = cursor.number();
    if (value < 0) notPlain();
    return { kind: 'fixed', value };
  }
  let dist = '';
  const numbers = new Map<string, number>();
  readObject(cursor, DISTRIBUTION_KEYS, (key) => {
    if (key === 0) dist = cursor.string();
    else if (key === 9) cursor.string();
    else numbers.set(DISTRIBUTION_KEYS[key], cursor.number());
  });
  const fields = DISTRIBUTION_FIELDS.get(dist);
  if (fields === undefined) notPlain();
  // Exactly the family's parameters (notes aside), as the schema's strict objects require.
  if (numbers.size !== fields.length) notPlain();
  for (const field of fields) if (!numbers.has(field)) notPlain();
  const get = (field: string) => numbers.get(field) as number;
  // The checks and objects of the full parser's quantity(), case by case.
  switch (dist) {
    case 'fixed': {
      const value = get('value');
      if (value < 0) notPlain();
      return { kind: 'fixed', value };
    }
    case 'uniform': {
      const [min, max] = [get('min'), get('max')];
      if (min < 0 || min > max) notPlain();
      return { kind: 'uniform', min, max };
    }
    case 'triangular': {
      const [min, mode, max] = [get('min'), get('mode'), get('max')];
      if (min < 0 || min >= max || mode < min || mode > max) notPlain();
      return { kind: 'triangular', min, mode, max };
    }
    case 'normal': {
      const [mean, sd] = [get('mean'), get('sd')];
      if (sd < 0) notPlain();
      return { kind: 'normal', mean, sd };
    }
    case 'lognormal': {
      const [mu, sigma] = [get('mu'), get('sigma')];
      if (sigma < 0) notPlain();
      return { kind: 'lognormal', mu, sigma };
    }
    default: {
      const mean = get('mean');
      if (mean <= 0) notPlain();
      return { kind: 'exponential', mean };
    }
  }
}

/** Observed data: whole numbers with 0 ≤ successes ≤ trials and at least one trial. */
function observed(cursor: Cursor): { successes: number; trials: number } {
  let successes = NaN;
  let trials = NaN;
  readObject(cursor, OBSERVED_KEYS, (key) => {
    if (key === 0) successes = cursor.number();
    else if (key === 1) trials = cursor.number();
    else cursor.string();
  });
  if (
    !Number.isInteger(successes) ||
    !Number.isInteger(trials) ||
    successes < 0 ||
    trials <= 0 ||
    successes > trials
  ) {
    notPlain();
  }
  return { successes, trials };
}

function recovery(cursor: Cursor): NonNullable<NodeInput['recovery']> {
  let catchRate = NaN;
  let duration: Distribution | undefined;
  let cost: Distribution | undefined;
  const seen = readObject(cursor, RECOVERY_KEYS, (key) => {
    if (key === 0) catchRate = probability(cursor);
    else if (key === 2) duration = quantity(cursor);
    else if (key === 3) cost = quantity(cursor);
    else cursor.string();
  });
  if (!(seen & 1)) notPlain();
  const resolved: NonNullable<NodeInput['recovery']> = { catch: catchRate };
  if (duration) resolved.duration = duration;
  if (cost) resolved.cost = cost;
  return resolved;
}

/** One node, as the full parser's resolveNode makes its input. */
function node(cursor: Cursor): NodeInput {
  let id: string | undefined;
  let type: NodeType | undefined;
  let label: string | undefined;
  let lane: Lane | undefined;
  let reliability: number | undefined;
  let observedData: { successes: number; trials: number } | undefined;
  let recovered: NodeInput['recovery'];
  let duration: Distribution | undefined;
  let cost: Distribution | undefined;
  let outcome: Outcome | undefined;
  let k: number | undefined;
  const seen = readObject(cursor, NODE_KEYS, (key) => {
    switch (key) {
      case 0:
        id = cursor.string();
        break;
      case 1:
        type = NODE_TYPE_OF.get(cursor.string()) ?? notPlain();
        break;
      case 2:
        label = cursor.string();
        break;
      case 3:
        lane = LANE_OF.get(cursor.string()) ?? notPlain();
        break;
      case 4:
        skipPosition(cursor);
        break;
      case 5:
        cursor.string();
        break;
      case 6:
        if (cursor.peek() === OPEN_BRACE) {
          observedData = observed(cursor);
          reliability = observedData.successes / observedData.trials;
        } else {
          reliability = probability(cursor);
        }
        break;
      case 7:
        recovered = recovery(cursor);
        break;
      case 8:
        duration = quantity(cursor);
        break;
      case 9:
        cost = quantity(cursor);
        break;
      case 10: {
        const text = cursor.string();
        if (text !== 'success' && text !== 'failure') notPlain();
        outcome = text;
        break;
      }
      default:
        k = cursor.number();
    }
  });
  if (id === undefined || type === undefined) return notPlain();
  if (seen & ~ALLOWED_NODE_KEYS[type]) notPlain();
  const input: NodeInput = { id, type };
  if (lane !== undefined) input.lane = lane;
  if (label !== undefined) input.label = label;
  if (outcome !== undefined) input.outcome = outcome;
  if (k !== undefined) input.k = k;
  if (type !== 'step') return input;
  if (observedData !== undefined) input.observed = observedData;
  if (reliability !== undefined) input.reliability = reliability;
  if (recovered !== undefined) input.recovery = recovered;
  if (duration !== undefined) input.duration = duration;
  if (cost !== undefined) input.cost = cost;
  return input;
}

function edge(cursor: Cursor): EdgeInput {
  let id: string | undefined;
  let source: string | undefined;
  let target: string | undefined;
  let kind: EdgeInput['kind'];
  let chance: number | undefined;
  readObject(cursor, EDGE_KEYS, (key) => {
    switch (key) {
      case 0:
        id = cursor.string();
        break;
      case 1:
        source = cursor.string();
        break;
      case 2:
        target = cursor.string();
        break;
      case 3: {
        const text = cursor.string();
        if (text !== 'normal' && text !== 'failure') notPlain();
        kind = text;
        break;
      }
      case 4:
        chance = probability(cursor);
        break;
      default:
        cursor.string();
    }
  });
  if (id === undefined || source === undefined || target === undefined) return notPlain();
  const input: EdgeInput = { id, source, target };
  if (kind !== undefined) input.kind = kind;
  if (chance !== undefined) input.probability = chance;
  return input;
}

function list<T>(cursor: Cursor, item: (cursor: Cursor) => T): T[] {
  const items: T[] = [];
  cursor.expect(OPEN_BRACKET);
  if (cursor.either(CLOSE_BRACKET, OPEN_BRACE)) return items;
  do items.push(item(cursor));
  while (cursor.either(COMMA, CLOSE_BRACKET));
  cursor.expect(CLOSE_BRACKET);
  return items;
}

/** The top of a plain document: its scalar members in file order, and its nodes and edges. */
interface PlainDocument {
  /** Every member but `nodes` and `edges`, in file order, and where those two stand. */
  members: [string, unknown][];
  nodes: NodeInput[];
  edges: EdgeInput[];
}

function document(cursor: Cursor): PlainDocument {
  const members: [string, unknown][] = [];
  let nodes: NodeInput[] | undefined;
  let edges: EdgeInput[] | undefined;
  const seen = readObject(cursor, DOCUMENT_KEYS, (key) => {
    const name = DOCUMENT_KEYS[key];
    if (key === 0) {
      if (cursor.string() !== BLUEPRINT_FORMAT) notPlain();
      members.push([name, BLUEPRINT_FORMAT]);
    } else if (key === 1) {
      // Older versions go through the full parser's migration.
      if (cursor.number() !== BLUEPRINT_VERSION) notPlain();
      members.push([name, BLUEPRINT_VERSION]);
    } else if (key === 5) {
      nodes = list(cursor, node);
      members.push([name, undefined]);
    } else if (key === 6) {
      edges = list(cursor, edge);
      members.push([name, undefined]);
    } else {
      members.push([name, cursor.string()]);
    }
  });
  if (!cursor.atEnd()) notPlain();
  if ((seen & 0b1100011) !== 0b1100011 || nodes === undefined || edges === undefined) {
    return notPlain();
  }
  return { members, nodes, edges };
}

/**
 * The document of a plain blueprint as `JSON.parse` would make it, with its members in file
 * order. Its nodes and edges are read from the text the first time either is asked for (and
 * then kept, as ordinary values that can be replaced): `failpoint analyze` and the bench never
 * ask, and a million nodes then cost no document objects.
 */
function lazyDocument(text: string, members: readonly [string, unknown][]): BlueprintDocument {
  const document: Record<string, unknown> = {};
  let parsed: Record<string, unknown> | undefined;
  for (const [name, value] of members) {
    if (name !== 'nodes' && name !== 'edges') {
      document[name] = value;
      continue;
    }
    const settle = (replacement: unknown) => {
      Object.defineProperty(document, name, {
        value: replacement,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    };
    Object.defineProperty(document, name, {
      enumerable: true,
      configurable: true,
      get() {
        parsed ??= JSON.parse(text) as Record<string, unknown>;
        const value = parsed[name];
        settle(value);
        return value;
      },
      set: settle,
    });
  }
  return document as unknown as BlueprintDocument;
}

/**
 * Reads a blueprint of the plain shape from its text (without a byte order mark): the same
 * result as `parseBlueprint`, or `null` when the text is not plain or not valid, for the full
 * parser to read and describe.
 *
 * @example
 * const result = readPlainBlueprint(text) ?? parseBlueprint(text);
 */
export function readPlainBlueprint(text: string): ParseResult | null {
  let plain: PlainDocument;
  try {
    plain = document(new Cursor(text));
  } catch {
    // Not the plain shape (or beyond an engine limit): the full parser reads the file and
    // says what, if anything, is wrong with it.
    return null;
  }
  const built = buildModel({ nodes: plain.nodes, edges: plain.edges });
  // A model that does not build has problems to describe, with their places in the file.
  if (!built.ok) return null;
  return {
    ok: true,
    blueprint: {
      document: lazyDocument(text, plain.members),
      parameters: {},
      model: built.model,
      scenarios: [],
      economics: null,
      options: [],
    },
  };
}
