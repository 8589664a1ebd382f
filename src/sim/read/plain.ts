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
import {
  BLUEPRINT_FORMAT,
  BLUEPRINT_VERSION,
  DISTRIBUTION_KINDS,
  DISTRIBUTION_PARAMETERS,
  type BlueprintDocument,
} from '../document';
import {
  DECISION,
  LANES,
  NODE_TYPES,
  STEP,
  type Distribution,
  type EdgeInput,
  type EdgeKind,
  type ObservedData,
  type Outcome,
} from '../model';
import { installPlainReader, type ParseResult } from '../parse';
import { defineLazy } from '../lazy';
import { LANE_CODE, ModelBuilder } from '../model-builder';
import { idMap, linkEdges, linkModel } from '../structure';
import { sameRange, TextIds } from './text-ids';

/** The lane of a node that names none (as the structure builder has it), by its code. */
const DEFAULT_LANE_CODE = LANE_CODE.backstage;

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

/**
 * The node fields the reader knows, as bits (bit i is `NODE_KEYS[i]`), so that a key given
 * twice, or one the node's type does not allow, is seen at once.
 */
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

/** The keys each node type may carry (the schema's strict objects), by type code. */
const ALLOWED_NODE_KEYS: readonly number[] = NODE_TYPES.map(
  (type) =>
    BASE_KEYS |
    (type === 'end' ? N_OUTCOME : 0) |
    (type === 'step' ? N_RELIABILITY | N_RECOVERY | N_DURATION | N_COST : 0) |
    (type === 'join' ? N_K : 0),
);

/** Outcomes of an end, by their code: 1 for failure, as in the model's columns. */
const OUTCOMES: readonly Outcome[] = ['success', 'failure'];
const EDGE_KINDS: readonly EdgeKind[] = ['normal', 'failure'];

/** 10^0 to 10^15, each exact as a double (written out: a power function need not be exact). */
const POWERS_OF_TEN = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/**
 * The keys an object may carry, with a table from their length and first, middle and last
 * characters to the key's index + 1, so that a key is found with one comparison rather than
 * one per name.
 */
interface KeyTable {
  names: readonly string[];
  slots: Uint8Array;
  /** The names' characters side by side: those of name i from `codeStart[i]` to `codeStart[i + 1]`. */
  codes: Uint16Array;
  codeStart: Int32Array;
}

function keyTable(names: readonly string[]): KeyTable {
  const slots = new Uint8Array(32 << 10);
  names.forEach((name, i) => {
    const slot = slotOf(name, 0, name.length);
    // Two names in one slot would hide one of them; the lists below have none.
    if (slots[slot] !== 0) {
      throw new Error(`Keys "${names[slots[slot] - 1]}" and "${name}" share a slot.`);
    }
    slots[slot] = i + 1;
  });
  const codeStart = new Int32Array(names.length + 1);
  names.forEach((name, i) => (codeStart[i + 1] = codeStart[i] + name.length));
  const codes = new Uint16Array(codeStart[names.length]);
  names.forEach((name, i) => {
    for (let c = 0; c < name.length; c++) codes[codeStart[i] + c] = name.charCodeAt(c);
  });
  return { names, slots, codes, codeStart };
}

/** The slot of the key `text[start, end)` (1 to 31 characters long) in a {@link KeyTable}. */
function slotOf(text: string, start: number, end: number): number {
  const length = end - start;
  const first = text.charCodeAt(start);
  const middle = text.charCodeAt(start + (length >> 1));
  return (length << 10) | (((first + 7 * middle) & 31) << 5) | (text.charCodeAt(end - 1) & 31);
}

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

  /** Where the content of the last string read starts, and ends (exclusive). */
  start = 0;
  end = 0;
  /** Whether the last string read holds a backslash. */
  private escaped = false;

  /** Reads the next string's bounds (see {@link start}), leaving the cursor after its quote. */
  private stringBounds(): void {
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
    this.start = start;
    this.end = at;
    this.escaped = escaped;
  }

  string(): string {
    this.stringBounds();
    return this.escaped ? this.decoded() : this.text.slice(this.start, this.end);
  }

  /**
   * Reads a string's bounds (see {@link start}) without making it: its text, escapes decoded,
   * when it holds escapes, else undefined (the text between the bounds is the string).
   */
  stringRange(): string | undefined {
    this.stringBounds();
    return this.escaped ? this.decoded() : undefined;
  }

  /** The last string read, its escapes decoded. */
  private decoded(): string {
    // Escapes are rare in blueprints: JSON.parse decodes them (and refuses bad ones).
    let decoded: unknown;
    try {
      decoded = JSON.parse(this.text.slice(this.start - 1, this.end + 1));
    } catch {
      notPlain();
    }
    return decoded as string;
  }

  /**
   * Reads an id's bounds (see {@link start}). An id written with escapes gives up: the table
   * compares ids as written, and an escape may spell an id another way.
   */
  idRange(): void {
    this.stringBounds();
    if (this.escaped) notPlain();
  }

  /**
   * Where the object the cursor stands at ends (just after its closing brace), found without
   * reading it, or -1 when it holds an object or a list, or does not end. Its strings are
   * skipped whole, so a brace inside one does not count.
   */
  flatObjectEnd(): number {
    const text = this.text;
    const length = text.length;
    let at = this.at + 1;
    while (at < length) {
      const code = text.charCodeAt(at++);
      if (code === CLOSE_BRACE) return at;
      if (code === QUOTE) {
        for (;;) {
          if (at >= length) return -1;
          const inner = text.charCodeAt(at++);
          if (inner === QUOTE) break;
          if (inner === BACKSLASH) at++;
        }
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        return -1;
      }
    }
    return -1;
  }

  /** The text from `start` to `end`. */
  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  /** Whether `text[start, end)` is the same text as `text[otherStart, otherEnd)`. */
  sameText(start: number, end: number, otherStart: number, otherEnd: number): boolean {
    return sameRange(this.text, start, end, otherStart, otherEnd);
  }

  /** Skips a string the model does not use (notes, labels of edges and recoveries). */
  skipString(): void {
    this.stringBounds();
    // Its escapes must still be ones JSON.parse accepts.
    if (this.escaped) this.decoded();
  }

  /**
   * Opens an object: true when it has members, false when it is empty (and then closed).
   */
  open(): boolean {
    this.expect(OPEN_BRACE);
    return !this.either(CLOSE_BRACE, QUOTE);
  }

  /**
   * The next key of an object followed by its colon, as an index into `keys`, whose bit must
   * not be in `seen` yet; gives up on a key given twice, a key not in the list, or one written
   * with escapes (which might spell a listed key another way).
   */
  key(keys: KeyTable, seen: number): number {
    this.stringBounds();
    if (this.escaped) notPlain();
    const { start, end, text } = this;
    const length = end - start;
    // One candidate by length and three characters; one comparison confirms it.
    const candidate = length > 0 && length < 32 ? keys.slots[slotOf(text, start, end)] : 0;
    if (candidate === 0) return notPlain();
    const i = candidate - 1;
    if (seen & (1 << i)) notPlain();
    const { codes, codeStart } = keys;
    if (codeStart[i + 1] - codeStart[i] !== length) notPlain();
    for (let at = start, c = codeStart[i]; at < end; at++, c++) {
      if (text.charCodeAt(at) !== codes[c]) notPlain();
    }
    this.expect(COLON);
    return i;
  }

  /** After a member: true when another follows (comma read), false when the object closed. */
  more(): boolean {
    if (this.either(COMMA, CLOSE_BRACE)) return true;
    this.at++;
    return false;
  }

  /** The next number, by JSON's grammar exactly; anything else (a string, null…) gives up. */
  number(): number {
    const text = this.text;
    const negative = this.peek() === MINUS;
    const first = negative ? this.at + 1 : this.at;
    let at = first;
    // The digits as a whole number, and how many of them follow the point.
    let digits = 0;
    let count = 0;
    let decimals = 0;
    let code = text.charCodeAt(at);
    if (code === DIGIT_0) {
      count = 1;
      code = text.charCodeAt(++at);
    } else if (code > DIGIT_0 && code <= DIGIT_9) {
      do {
        digits = digits * 10 + (code - DIGIT_0);
        count++;
        code = text.charCodeAt(++at);
      } while (code >= DIGIT_0 && code <= DIGIT_9);
    } else {
      notPlain();
    }
    if (code === DOT) {
      code = text.charCodeAt(++at);
      if (!(code >= DIGIT_0 && code <= DIGIT_9)) notPlain();
      do {
        digits = digits * 10 + (code - DIGIT_0);
        count++;
        decimals++;
        code = text.charCodeAt(++at);
      } while (code >= DIGIT_0 && code <= DIGIT_9);
    }
    let exponent = false;
    if (code === LOWER_E || code === UPPER_E) {
      exponent = true;
      code = text.charCodeAt(++at);
      if (code === PLUS || code === MINUS) code = text.charCodeAt(++at);
      if (!(code >= DIGIT_0 && code <= DIGIT_9)) notPlain();
      do code = text.charCodeAt(++at);
      while (code >= DIGIT_0 && code <= DIGIT_9);
    }
    let value: number;
    if (!exponent && count <= 15) {
      // Up to 15 digits make a whole number below 2^53, held exactly, and 10^decimals (at
      // most 10^15) is exact too: one correctly rounded division then gives the double
      // nearest the decimal, the same double as JSON.parse's conversion.
      value = decimals === 0 ? digits : digits / POWERS_OF_TEN[decimals];
      if (negative) value = -value;
    } else {
      // Longer numbers and exponents: the engine's own conversion, as JSON.parse's.
      value = Number(text.slice(this.at, at));
    }
    this.at = at;
    // A number too large for a double is Infinity, which the schema refuses.
    if (!Number.isFinite(value)) notPlain();
    return value;
  }

  /**
   * The next string, which must be one of `choices` (without escapes), as its index; gives up
   * otherwise. Reads a type, a lane or an outcome without making a string of it.
   */
  choice(choices: readonly string[]): number {
    this.stringBounds();
    if (this.escaped) notPlain();
    const { start } = this;
    const length = this.end - start;
    for (let i = 0; i < choices.length; i++) {
      const choice = choices[i];
      if (choice.length === length && this.text.startsWith(choice, start)) return i;
    }
    return notPlain();
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

const DOCUMENT_KEYS_TABLE = keyTable(DOCUMENT_KEYS);
const NODE_KEYS_TABLE = keyTable(NODE_KEYS);
const POSITION_KEYS_TABLE = keyTable(POSITION_KEYS);
const OBSERVED_KEYS_TABLE = keyTable(OBSERVED_KEYS);
const RECOVERY_KEYS_TABLE = keyTable(RECOVERY_KEYS);
const EDGE_KEYS_TABLE = keyTable(EDGE_KEYS);
const DISTRIBUTION_KEYS_TABLE = keyTable(DISTRIBUTION_KEYS);

/** A probability written as a number in [0, 1], as the full parser accepts it. */
function probability(cursor: Cursor): number {
  const value = cursor.number();
  if (value < 0 || value > 1) notPlain();
  return value;
}

/** A position: two numbers (and notes), which the model does not use. */
function skipPosition(cursor: Cursor): void {
  let seen = 0;
  if (cursor.open()) {
    do {
      const key = cursor.key(POSITION_KEYS_TABLE, seen);
      seen |= 1 << key;
      if (key === 2) cursor.skipString();
      else cursor.number();
    } while (cursor.more());
  }
  if ((seen & 3) !== 3) notPlain();
}

/** The parameters of the distribution read last, by their index in DISTRIBUTION_KEYS. */
const parameters = new Float64Array(DISTRIBUTION_KEYS.length);

/** The distribution families, by the index `choice` reads them as. */
const FAMILIES = DISTRIBUTION_KINDS;

/** Per family (by index in FAMILIES), the bits of the parameters it must have, notes aside. */
const FAMILY_BITS = FAMILIES.map((family) =>
  DISTRIBUTION_PARAMETERS[family].reduce(
    (bits, field) => bits | (1 << DISTRIBUTION_KEYS.indexOf(field)),
    0,
  ),
);
const DIST_BIT = 1 << DISTRIBUTION_KEYS.indexOf('dist');
const DISTRIBUTION_NOTES = DISTRIBUTION_KEYS.indexOf('notes');
/** Where each parameter is kept in `parameters`. */
const VALUE = DISTRIBUTION_KEYS.indexOf('value');
const MIN = DISTRIBUTION_KEYS.indexOf('min');
const MAX = DISTRIBUTION_KEYS.indexOf('max');
const MODE = DISTRIBUTION_KEYS.indexOf('mode');
const MEAN = DISTRIBUTION_KEYS.indexOf('mean');
const SD = DISTRIBUTION_KEYS.indexOf('sd');
const MU = DISTRIBUTION_KEYS.indexOf('mu');
const SIGMA = DISTRIBUTION_KEYS.indexOf('sigma');

/**
 * Distributions already made, by the text they were read from, at most this many: a blueprint
 * uses a few amounts and distributions over and over (the generated million-node blueprint,
 * some two hundred for 1.7 million durations and costs), and its model shares one object for
 * each, as models are never edited.
 */
const SHARED_QUANTITIES = 4096;

/**
 * A duration or a cost: a plain amount or a distribution whose parameters are numbers. Returns
 * its index among the builder's quantities.
 */
function quantity(cursor: Cursor, read: ReadNodes): number {
  const { quantities, builder } = read;
  const amount = cursor.peek() !== OPEN_BRACE;
  const start = cursor.at;
  // The same text makes the same distribution: checked and made the first time only. A
  // distribution's text is found before it is read, and text met before is not read again.
  if (!amount) {
    const end = cursor.flatObjectEnd();
    if (end >= 0) {
      const seen = quantities.get(cursor.slice(start, end));
      if (seen !== undefined) {
        cursor.at = end;
        return seen;
      }
    }
  }
  let value = 0;
  if (amount) {
    value = cursor.number();
    if (value < 0) notPlain();
  } else {
    readDistribution(cursor);
  }
  const written = cursor.slice(start, cursor.at);
  let made = quantities.get(written);
  if (made === undefined) {
    made = builder.addQuantity(amount ? { kind: 'fixed', value } : makeDistribution());
    if (quantities.size < SHARED_QUANTITIES) quantities.set(written, made);
  }
  return made;
}

/** The family of the distribution read last by {@link readDistribution}, by index in FAMILIES. */
let family = -1;

/** Reads a distribution's object into `family` and `parameters`, checking its members. */
function readDistribution(cursor: Cursor): void {
  family = -1;
  let seen = 0;
  if (cursor.open()) {
    do {
      const key = cursor.key(DISTRIBUTION_KEYS_TABLE, seen);
      seen |= 1 << key;
      if (key === 0) family = cursor.choice(FAMILIES);
      else if (key === DISTRIBUTION_NOTES) cursor.skipString();
      else parameters[key] = cursor.number();
    } while (cursor.more());
  }
  // Exactly the family's parameters (notes aside), as the schema's strict objects require.
  if (family < 0 || (seen & ~(1 << DISTRIBUTION_NOTES)) !== (FAMILY_BITS[family] | DIST_BIT)) {
    notPlain();
  }
}

/** The distribution read last by {@link readDistribution}, checked and made. */
function makeDistribution(): Distribution {
  // The checks and objects of the full parser's quantity(), case by case.
  switch (FAMILIES[family]) {
    case 'fixed': {
      const value = parameters[VALUE];
      if (value < 0) notPlain();
      return { kind: 'fixed', value };
    }
    case 'uniform': {
      const min = parameters[MIN];
      const max = parameters[MAX];
      if (min < 0 || min > max) notPlain();
      return { kind: 'uniform', min, max };
    }
    case 'triangular': {
      const min = parameters[MIN];
      const mode = parameters[MODE];
      const max = parameters[MAX];
      if (min < 0 || min >= max || mode < min || mode > max) notPlain();
      return { kind: 'triangular', min, mode, max };
    }
    case 'normal': {
      const mean = parameters[MEAN];
      const sd = parameters[SD];
      if (sd < 0) notPlain();
      return { kind: 'normal', mean, sd };
    }
    case 'lognormal': {
      const mu = parameters[MU];
      const sigma = parameters[SIGMA];
      if (sigma < 0) notPlain();
      return { kind: 'lognormal', mu, sigma };
    }
    default: {
      const mean = parameters[MEAN];
      if (mean <= 0) notPlain();
      return { kind: 'exponential', mean };
    }
  }
}

/** Observed data: whole numbers with 0 ≤ successes ≤ trials and at least one trial. */
function observed(cursor: Cursor): ObservedData {
  let successes = NaN;
  let trials = NaN;
  let seen = 0;
  if (cursor.open()) {
    do {
      const key = cursor.key(OBSERVED_KEYS_TABLE, seen);
      seen |= 1 << key;
      if (key === 0) successes = cursor.number();
      else if (key === 1) trials = cursor.number();
      else cursor.skipString();
    } while (cursor.more());
  }
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

/** The step being read: values kept between its members, since they may come in any order. */
class StepValues {
  catchRate = NaN;
  hasRecovery = false;
  observed: ObservedData | undefined = undefined;
  /** Durations and costs: their index among the builder's quantities, or -1 for none. */
  duration = -1;
  cost = -1;
  recoveryDuration = -1;
  recoveryCost = -1;

  clear(): void {
    this.catchRate = NaN;
    this.hasRecovery = false;
    this.observed = undefined;
    this.duration = -1;
    this.cost = -1;
    this.recoveryDuration = -1;
    this.recoveryCost = -1;
  }
}

function recovery(cursor: Cursor, step: StepValues, read: ReadNodes): void {
  let seen = 0;
  if (cursor.open()) {
    do {
      const key = cursor.key(RECOVERY_KEYS_TABLE, seen);
      seen |= 1 << key;
      if (key === 0) step.catchRate = probability(cursor);
      else if (key === 2) step.recoveryDuration = quantity(cursor, read);
      else if (key === 3) step.recoveryCost = quantity(cursor, read);
      else cursor.skipString();
    } while (cursor.more());
  }
  if (!(seen & 1)) notPlain();
  step.hasRecovery = true;
}

/** What the nodes of a plain document make: the model's columns, ids and join thresholds. */
interface ReadNodes {
  /** The model's nodes and edges as read. */
  builder: ModelBuilder;
  /**
   * The ids read: node v's at entry v, then edge e's at entry `nodeCount + e` (one table, as
   * ids are unique; edges read before the nodes are not in it).
   */
  ids: TextIds;
  /** Join index → the `k` it gives. */
  joinK: Map<number, number>;
  /**
   * The distributions made so far, by their text: their index among the builder's quantities
   * (see {@link SHARED_QUANTITIES}). Keyed by strings: a few thousand texts looked up a few
   * million times, which the engine's own string hashing and comparison do fastest.
   */
  quantities: Map<string, number>;
}

/**
 * One node, added to the model's columns exactly as the full parser's resolveNode and the
 * structure builder's addInputNode together add it.
 */
function node(cursor: Cursor, read: ReadNodes, step: StepValues): void {
  let idStart = -1;
  let idEnd = 0;
  let type = -1;
  let labelStart = -1;
  let labelEnd = -1;
  let decodedLabel: string | undefined;
  let lane = DEFAULT_LANE_CODE;
  let reliability = 1;
  let failureEnd = 0;
  let k: number | undefined;
  let seen = 0;
  step.clear();
  if (cursor.open()) {
    do {
      const key = cursor.key(NODE_KEYS_TABLE, seen);
      seen |= 1 << key;
      switch (key) {
        case 0:
          cursor.idRange();
          idStart = cursor.start;
          idEnd = cursor.end;
          break;
        case 1:
          type = cursor.choice(NODE_TYPES);
          break;
        case 2:
          decodedLabel = cursor.stringRange();
          labelStart = cursor.start;
          labelEnd = cursor.end;
          break;
        case 3:
          lane = cursor.choice(LANES);
          break;
        case 4:
          skipPosition(cursor);
          break;
        case 5:
          cursor.skipString();
          break;
        case 6:
          if (cursor.peek() === OPEN_BRACE) {
            step.observed = observed(cursor);
            reliability = step.observed.successes / step.observed.trials;
          } else {
            reliability = probability(cursor);
          }
          break;
        case 7:
          recovery(cursor, step, read);
          break;
        case 8:
          step.duration = quantity(cursor, read);
          break;
        case 9:
          step.cost = quantity(cursor, read);
          break;
        case 10:
          failureEnd = cursor.choice(OUTCOMES);
          break;
        default:
          k = cursor.number();
      }
    } while (cursor.more());
  }
  if (idStart < 0 || type < 0) return notPlain();
  if (seen & ~ALLOWED_NODE_KEYS[type]) notPlain();
  const { builder } = read;
  const index = builder.nodeCount;
  // A second node with the same id: the full parser names both.
  if (!read.ids.add(idStart, idEnd)) notPlain();
  if (k !== undefined) read.joinK.set(index, k);
  const isStep = type === STEP;
  builder.addNode(
    type,
    lane,
    reliability,
    isStep && step.hasRecovery ? step.catchRate : 0,
    isStep && step.hasRecovery,
    failureEnd,
  );
  builder.labelNodeInText(labelStart, labelEnd, decodedLabel);
  if (isStep) {
    builder.setStepQuantities(
      step.observed,
      step.duration,
      step.cost,
      step.recoveryDuration,
      step.recoveryCost,
    );
  }
}

/** The edge being read: its members, kept since they may come in any order. */
class EdgeValues {
  /** Where the edge's id stands in the text. */
  idStart = 0;
  idEnd = 0;
  /** Where the source's id stands in the text; the same for the target. */
  sourceStart = 0;
  sourceEnd = 0;
  targetStart = 0;
  targetEnd = 0;
  kind: EdgeKind = 'normal';
  /** NaN when the edge gives no probability. */
  chance = NaN;
  /**
   * The target of the edge read before this one (-1 before the first), and where its id stands:
   * in a chain of steps each edge starts where the one before ends, and its source is then
   * known without a look-up.
   */
  previousTarget = -1;
  previousTargetStart = 0;
  previousTargetEnd = 0;

  /** Reads one edge's object into these values. */
  read(cursor: Cursor): void {
    let seen = 0;
    this.kind = 'normal';
    this.chance = NaN;
    if (cursor.open()) {
      do {
        const key = cursor.key(EDGE_KEYS_TABLE, seen);
        seen |= 1 << key;
        switch (key) {
          case 0:
            cursor.idRange();
            this.idStart = cursor.start;
            this.idEnd = cursor.end;
            break;
          case 1:
            cursor.idRange();
            this.sourceStart = cursor.start;
            this.sourceEnd = cursor.end;
            break;
          case 2:
            cursor.idRange();
            this.targetStart = cursor.start;
            this.targetEnd = cursor.end;
            break;
          case 3:
            this.kind = EDGE_KINDS[cursor.choice(EDGE_KINDS)];
            break;
          case 4:
            this.chance = probability(cursor);
            break;
          default:
            cursor.skipString();
        }
      } while (cursor.more());
    }
    // Id, source and target are required.
    if ((seen & 0b111) !== 0b111) notPlain();
  }
}

/** An edge read before the nodes, as the structure builder's input. */
function edgeInput(cursor: Cursor, text: string, values: EdgeValues): EdgeInput {
  values.read(cursor);
  const input: EdgeInput = {
    id: text.slice(values.idStart, values.idEnd),
    source: text.slice(values.sourceStart, values.sourceEnd),
    target: text.slice(values.targetStart, values.targetEnd),
  };
  if (values.kind !== 'normal') input.kind = values.kind;
  if (!Number.isNaN(values.chance)) input.probability = values.chance;
  return input;
}

/**
 * An edge read after the nodes, added to the model's columns exactly as the structure builder's
 * linkModel makes it; any edge it would report a problem for leaves the file to the full parser.
 */
function modelEdge(cursor: Cursor, values: EdgeValues, read: ReadNodes): void {
  values.read(cursor);
  const { kind, chance } = values;
  const { ids, builder } = read;
  // An id given to another edge or to a node: the full parser says so.
  if (!ids.add(values.idStart, values.idEnd)) notPlain();
  // An end that is no node (missing, or an edge's id): the full parser names it.
  const { sourceStart, sourceEnd, targetStart, targetEnd } = values;
  const source =
    values.previousTarget >= 0 &&
    cursor.sameText(sourceStart, sourceEnd, values.previousTargetStart, values.previousTargetEnd)
      ? values.previousTarget
      : ids.find(sourceStart, sourceEnd, -1);
  const target = ids.find(targetStart, targetEnd, -1);
  // An end that is no node: missing, or an edge's id (entries from the node count on).
  const nodes = builder.nodeCount;
  if (source < 0 || target < 0 || source >= nodes || target >= nodes) notPlain();
  values.previousTarget = target;
  values.previousTargetStart = targetStart;
  values.previousTargetEnd = targetEnd;
  const from = builder.type[source];
  if (kind === 'failure' && from !== STEP) notPlain();
  const routes = from === DECISION && kind === 'normal';
  // A decision's edge needs its probability; no other edge may have one.
  if (routes === Number.isNaN(chance)) notPlain();
  builder.addEdge(source, target, kind, routes ? chance : 1);
}

/** Reads a list of objects, each with `item`. */
function list(cursor: Cursor, item: (cursor: Cursor) => void): void {
  cursor.expect(OPEN_BRACKET);
  if (cursor.either(CLOSE_BRACKET, OPEN_BRACE)) return;
  do item(cursor);
  while (cursor.either(COMMA, CLOSE_BRACKET));
  cursor.expect(CLOSE_BRACKET);
}

/** The top of a plain document: its members in file order, its nodes and its edges. */
interface PlainDocument extends ReadNodes {
  /** Every member in file order, `nodes` and `edges` without their value. */
  members: [string, unknown][];
  /** The edges as read, when they came before the nodes (then `edges` is empty). */
  edgeInputs: EdgeInput[];
}

/** Characters of a plain file per node or edge, a little below the least Failpoint writes. */
const CHARACTERS_PER_ID = 96;

function document(text: string): PlainDocument {
  const cursor = new Cursor(text);
  const members: [string, unknown][] = [];
  const expected = Math.ceil(text.length / CHARACTERS_PER_ID);
  const ids = new TextIds(text, expected);
  const read: ReadNodes = {
    builder: new ModelBuilder(expected, expected, text),
    ids,
    joinK: new Map(),
    quantities: new Map(),
  };
  const step = new StepValues();
  const edge = new EdgeValues();
  const edgeInputs: EdgeInput[] = [];
  let seen = 0;
  if (cursor.open()) {
    do {
      const key = cursor.key(DOCUMENT_KEYS_TABLE, seen);
      seen |= 1 << key;
      const name = DOCUMENT_KEYS[key];
      if (key === 0) {
        if (cursor.string() !== BLUEPRINT_FORMAT) notPlain();
        members.push([name, BLUEPRINT_FORMAT]);
      } else if (key === 1) {
        // Older versions go through the full parser's migration.
        if (cursor.number() !== BLUEPRINT_VERSION) notPlain();
        members.push([name, BLUEPRINT_VERSION]);
      } else if (key === 5) {
        list(cursor, (c) => node(c, read, step));
        members.push([name, undefined]);
      } else if (key === 6) {
        // Edges after the nodes (as Failpoint writes them) become model edges at once; edges
        // before the nodes wait for them.
        if (seen & (1 << 5)) list(cursor, (c) => modelEdge(c, edge, read));
        else list(cursor, (c) => edgeInputs.push(edgeInput(c, text, edge)));
        members.push([name, undefined]);
      } else {
        members.push([name, cursor.string()]);
      }
    } while (cursor.more());
  }
  if (!cursor.atEnd()) notPlain();
  // Format, version, nodes and edges are required.
  if ((seen & 0b1100011) !== 0b1100011) notPlain();
  return { members, edgeInputs, ...read };
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
    defineLazy(document, name, () => {
      parsed ??= JSON.parse(text) as Record<string, unknown>;
      return parsed[name];
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
    plain = document(text);
  } catch {
    // Not the plain shape (or beyond an engine limit): the full parser reads the file and
    // says what, if anything, is wrong with it.
    return null;
  }
  const { builder, joinK, edgeInputs, ids } = plain;
  const { starts, lengths } = ids.ranges();
  // Edges read before the nodes carry their ids as strings.
  builder.nameInText(starts, lengths, edgeInputs.length === 0);
  const joinThreshold = (index: number) => joinK.get(index);
  // The model's id maps are made when first asked for (the analysis never asks).
  const built =
    edgeInputs.length > 0
      ? linkModel(builder, idMap(builder.nodeIds()), joinThreshold, edgeInputs, [])
      : linkEdges(builder, null, null, joinThreshold, []);
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

// Importing this module gives parseBlueprint the plain reader (see installPlainReader).
installPlainReader(readPlainBlueprint);
