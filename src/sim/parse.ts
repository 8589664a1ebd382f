/**
 * The one way into the engine: a blueprint file (text) or document (value) is checked, migrated,
 * resolved and built into a {@link Model}, together with a model for each of its scenarios.
 *
 * Checking runs in stages: the envelope (is it JSON, is it a Failpoint blueprint, which version),
 * migration of older versions to the current one, then the body: the shape of every object,
 * ids, parameters and expressions, value ranges, distributions and observed data, the structure
 * of the graph, and last each scenario applied to the baseline. Every stage reports all the
 * problems it finds, and later stages still run on the parts that earlier stages could read, so
 * a designer sees every problem at once. Nothing here throws (but for a document that does not
 * fit the format while the schemas' wording is not loaded yet: see `schema-wording.ts`), and a
 * result carries either a complete blueprint or the problems, never both.
 */
import type * as z from 'zod';
import {
  BLUEPRINT_FORMAT,
  BLUEPRINT_VERSION,
  DOCUMENT_KEYS,
  NODE_FIELDS,
  NODE_FIELD_REGISTRY,
  nodeFieldsOf,
  type BlueprintDocument,
  type NodeFieldKey,
  type ScenarioSpec,
} from './document';
import type { FieldKind } from './fields';
import {
  diagnostic,
  diagnosticDetail,
  type Diagnostic,
  type DiagnosticCode,
  type DiagnosticTarget,
  type Expected,
  type FoundValue,
  type ListPlace,
  type MessageParams,
  type NodeRef,
  type Subject,
} from './diagnostics';
import {
  checkExpression,
  evaluateChecked,
  type ExpressionProblem,
  isValidParameterName,
  resolveParameters,
  type ResolvedParameters,
} from './expressions';
import {
  LANES,
  NODE_TYPES,
  type Distribution,
  type EdgeInput,
  type Lane,
  type Model,
  type NamedModel,
  type ModelInput,
  type NodeInput,
  type NodeType,
  type ObservedData,
} from './model';
import type { Economics } from './money/definitions';
import { ECONOMICS_FIELDS, economicsValueProblem, type EconomicsFieldKind } from './money/fields';
import { applyScenario, optionConflicts } from './scenario';
import { schemaIssues, SchemaWordingMissingError } from './schema-wording';
import { buildModel } from './structure';
import { findDuplicateKeys } from './text';
import { fitsBlueprintSchema } from './validate-shape';

/** A scenario of a valid blueprint, resolved into its own model. */
export type ResolvedScenario = NamedModel;

/** An improvement option of a valid blueprint: its price and the model with its changes alone. */
export interface ResolvedOption {
  id: string;
  /** Its label, or its id when it has none. */
  label: string;
  /** One-off cost, currency units. */
  costOnce: number;
  /** Running cost, currency units per year (0 when the file gives none). */
  costPerYear: number;
  /** The baseline with this option's changes. */
  model: Model;
}

/** A blueprint that passed every check. */
export interface Blueprint {
  /** The document as validated (migrated to the current version if it was older). */
  document: BlueprintDocument;
  /** Every parameter's value after evaluating expressions. */
  parameters: Record<string, number>;
  /** The baseline model. */
  model: Model;
  /** One model per scenario, in file order. */
  scenarios: ResolvedScenario[];
  /** What failures cost, every number resolved; null when the blueprint has no economics. */
  economics: Economics | null;
  /** The improvement options, in file order. */
  options: ResolvedOption[];
}

/** Either a complete blueprint or every problem found; never both, never a partial load. */
export type ParseResult =
  { ok: true; blueprint: Blueprint } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Most problems of one code spelled out one by one. A file with ten thousand misspelt keys gets
 * this many sentences and then one saying how many more there are, so that reading, printing
 * and showing the problems stays quick and short whatever the file holds.
 */
export const MAX_PROBLEMS_PER_CODE = 20;

/** The id under which scenario comparisons list the blueprint without changes. */
export const BASELINE_SCENARIO_ID = 'baseline';

type Raw = Record<string, unknown>;
type PathSegment = string | number;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

// ---------------------------------------------------------------------------------------------
// Entry points

/**
 * Texts shorter than this (UTF-16 code units, about 4,000 nodes) are left to the full parser:
 * they read in milliseconds either way, and their blueprint keeps a document made at once.
 */
export const PLAIN_READ_MIN_LENGTH = 1 << 20;

/** The quick reader of large plain files, once installed (see {@link installPlainReader}). */
let plainReader: ((text: string) => ParseResult | null) | null = null;

/**
 * Gives {@link parseBlueprint} the quick reader of large plain files (`read/plain.ts`, which
 * installs itself when imported). Without it, every file goes through the full parser, with
 * the same result, more slowly: the page's first view leaves it out, since the example it opens
 * is small, and imports it before parsing a large file on the page itself.
 */
export function installPlainReader(reader: (text: string) => ParseResult | null): void {
  plainReader = reader;
}

/**
 * Reads a blueprint from the text of a `*.blueprint.json` file.
 *
 * @example
 * const result = parseBlueprint(text);
 * if (result.ok) analyze(result.blueprint.model);
 * else for (const d of result.diagnostics) console.log(d.code, d.message);
 */
export function parseBlueprint(text: string): ParseResult {
  // A byte order mark is invisible in editors; accept it rather than report it.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Large files of the plain shape are read straight into the model (see read/plain.ts); the
  // reader declines anything else, which is then read below.
  if (plainReader !== null && source.length >= PLAIN_READ_MIN_LENGTH) {
    const plain = plainReader(source);
    if (plain !== null) return plain;
  }
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    return { ok: false, diagnostics: [notJson(source, error)] };
  }
  const duplicates = duplicateKeyProblems(source, value);
  // The value was made here from the text and nobody else holds it, so the blueprint may keep
  // it as its document without a copy.
  const result = validate(value, true);
  if (duplicates.length === 0) return result;
  const others = result.ok ? [] : result.diagnostics;
  return { ok: false, diagnostics: capped([...duplicates, ...others]) };
}

/**
 * Keys written twice in one object (BP027). `JSON.parse` keeps the last silently, so a reviewer
 * could read one value while the engine uses another; the file is refused instead.
 */
function duplicateKeyProblems(text: string, root: unknown): Diagnostic[] {
  const { found, more } = findDuplicateKeys(text);
  const problems = found.map(({ path, key, first, again }) => {
    const holder = describePlace(root, path);
    return diagnostic(
      'duplicate-key',
      { subject: holder.subject, key, at: again, first },
      holder.target,
      formatPath([...path, key]),
    );
  });
  if (more > 0) problems.push(diagnostic('more-problems', { code: 'BP027', count: more }));
  return problems;
}

/**
 * Resolves one scenario of a blueprint document into its model, for a what-if that is not (yet)
 * saved in the document. The document and the scenario are checked together, exactly as if the
 * scenario were the document's only one.
 */
export function resolveScenario(
  document: BlueprintDocument,
  scenario: ScenarioSpec,
): { ok: true; scenario: ResolvedScenario } | { ok: false; diagnostics: Diagnostic[] } {
  // Only the scenario's model is kept, so the document needs no copy of its own.
  const result = validate({ ...document, scenarios: [scenario] }, true);
  if (!result.ok) return result;
  return { ok: true, scenario: result.blueprint.scenarios[0] };
}

/**
 * Checks an already parsed document (for example one the editor holds) and resolves it into
 * models. Older file versions are migrated first; newer ones are refused.
 */
export function validateDocument(value: unknown): ParseResult {
  return validate(value, false);
}

/**
 * {@link validateDocument}; with `owned`, the value belongs to the parser alone (it was just
 * read from text), so the blueprint keeps it as its document instead of a copy. The caller's
 * value is never changed either way.
 */
function validate(value: unknown, owned: boolean): ParseResult {
  try {
    const envelope = checkEnvelope(value);
    if (!envelope.ok) return { ok: false, diagnostics: envelope.diagnostics };
    const current = migrate(envelope.document, envelope.version);
    const result = checkCurrentVersion(current, owned);
    return result.ok ? result : { ok: false, diagnostics: capped(result.diagnostics) };
  } catch (error) {
    // The caller asked before the schemas' wording was loaded: it loads it and asks again,
    // rather than show problems worded otherwise than they will be (see `schema-wording.ts`).
    if (error instanceof SchemaWordingMissingError) throw error;
    // Checking must never take the caller down, whatever the file holds (for example nesting
    // deep enough to exhaust the stack); report it instead of loading anything.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      diagnostics: [diagnostic('check-failed', { detail })],
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Envelope: JSON, format, version, migration

function notJson(text: string, error: unknown): Diagnostic {
  const detail = error instanceof Error ? error.message : String(error);
  return diagnostic('not-json', {
    at: jsonErrorLocation(text, detail),
    empty: text.trim() === '',
    detail,
  });
}

/** Finds the line and column of a JSON syntax error from the engine's message. */
export function jsonErrorLocation(
  text: string,
  message: string,
): { line: number; column: number } | null {
  const lineColumn = /line (\d+) column (\d+)/i.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/i.exec(message);
  let offset: number;
  if (position) offset = Number(position[1]);
  else if (/end of (JSON )?(input|data)/i.test(message)) offset = text.length;
  else return null;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

type Envelope =
  { ok: true; document: Raw; version: number } | { ok: false; diagnostics: Diagnostic[] };

function checkEnvelope(value: unknown): Envelope {
  if (!isRecord(value)) {
    const found = Array.isArray(value) ? 'list' : value === null ? 'null' : typeof value;
    return {
      ok: false,
      diagnostics: [diagnostic('not-an-object', { found, format: BLUEPRINT_FORMAT })],
    };
  }
  const problems: Diagnostic[] = [];
  if (value.format !== BLUEPRINT_FORMAT) {
    problems.push(
      value.format === undefined
        ? diagnostic('no-format', { format: BLUEPRINT_FORMAT }, { kind: 'document' }, 'format')
        : diagnostic(
            'wrong-format',
            { found: foundValue(value.format), format: BLUEPRINT_FORMAT },
            { kind: 'document' },
            'format',
          ),
    );
  }
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    problems.push(
      version === undefined
        ? diagnostic('no-version', { current: BLUEPRINT_VERSION }, { kind: 'document' }, 'version')
        : diagnostic(
            'bad-version',
            { found: foundValue(version), current: BLUEPRINT_VERSION },
            { kind: 'document' },
            'version',
          ),
    );
  } else if (version > BLUEPRINT_VERSION) {
    problems.push(
      diagnostic(
        'too-new',
        { version, current: BLUEPRINT_VERSION },
        { kind: 'document' },
        'version',
      ),
    );
  }
  if (problems.length > 0) return { ok: false, diagnostics: problems };
  return { ok: true, document: value, version: version as number };
}

/**
 * Steps that turn a document of version `n` into one of version `n + 1`, keyed by `n`. A format
 * change adds an entry here and bumps {@link BLUEPRINT_VERSION}; older files then load through
 * every step in turn.
 */
const MIGRATIONS: Readonly<Record<number, (document: Raw) => Raw>> = {
  // Version 2 added `economics`, `options` and a scenario's `options`, all optional: a
  // version-1 document means the same with no money and no options. Keys the new version
  // gave a meaning to were unknown keys in version 1, which no valid version-1 file has.
  1: (document) => document,
};

/**
 * A value in the shape of an older blueprint version brought to the current one, by the same
 * migrations the parser runs; anything else (not a blueprint, no version, a newer or malformed
 * version) is returned as it is, for the caller's own check to refuse. For readers that take a
 * draft's shape without validating it (the app's drafts and autosaves).
 */
export function upgradeDocument(value: unknown): unknown {
  if (!isRecord(value) || value.format !== BLUEPRINT_FORMAT) return value;
  const { version } = value;
  if (typeof version !== 'number' || !Number.isInteger(version)) return value;
  if (version < 1 || version >= BLUEPRINT_VERSION) return value;
  return migrate(value, version);
}

function migrate(document: Raw, version: number): Raw {
  let current = document;
  for (let v = version; v < BLUEPRINT_VERSION; v++) {
    const step = MIGRATIONS[v];
    current = { ...step(current), version: v + 1 };
  }
  return current;
}

// ---------------------------------------------------------------------------------------------
// Describing places in a document

function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** A value as it would appear in the file, for short scalar values. */
function foundLiteral(value: unknown): FoundValue {
  return typeof value === 'string' && value.length <= 40
    ? { kind: 'quoted', text: value }
    : foundValue(value);
}

function foundValue(value: unknown): FoundValue {
  if (value === undefined) return { kind: 'missing' };
  if (value === null) return { kind: 'null' };
  if (typeof value === 'string') {
    return { kind: 'text', text: value.length > 40 ? `${value.slice(0, 37)}...` : value };
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return { kind: 'literal', text: String(value) };
  }
  if (Array.isArray(value)) return { kind: 'list' };
  return { kind: 'object' };
}

/** A node as far as the raw file names it: type, id and label, or its place in the list. */
function rawNodeSubject(node: unknown, index: number): Subject {
  if (!isRecord(node) || typeof node.id !== 'string') {
    return { kind: 'node-number', number: index + 1 };
  }
  return { kind: 'node', node: rawNodeRef(node, node.id) };
}

function rawNodeRef(node: Raw, id: string): NodeRef {
  const ref: NodeRef = { id };
  if (isNodeType(node.type)) ref.type = node.type;
  if (typeof node.label === 'string' && node.label !== '') ref.label = node.label;
  return ref;
}

function rawEdgeSubject(edge: unknown, index: number): Subject {
  return isRecord(edge) && typeof edge.id === 'string'
    ? { kind: 'edge', id: edge.id }
    : { kind: 'edge-number', number: index + 1 };
}

function rawScenarioSubject(scenario: unknown, index: number): Subject {
  return isRecord(scenario) && typeof scenario.id === 'string'
    ? { kind: 'scenario', id: scenario.id }
    : { kind: 'scenario-number', number: index + 1 };
}

/** The part `segment` of `of`, whose value is `value`. */
function partOf(of: Subject, segment: PathSegment, value: unknown): Subject {
  if (typeof segment === 'number') return { kind: 'item', number: segment + 1, of };
  if (segment === 'reliability' && isRecord(value)) return { kind: 'observed', of };
  return { kind: 'field', field: segment, of };
}

interface Place {
  /** What sits at the path, for the sentence to name. */
  subject: Subject;
  target: DiagnosticTarget;
}

/** Names what sits at `path` inside the raw document, in words a designer recognises. */
function describePlace(root: unknown, path: readonly PathSegment[]): Place {
  const doc = isRecord(root) ? root : {};
  let subject: Subject = { kind: 'blueprint' };
  let target: DiagnosticTarget = { kind: 'document' };
  let rest = path;
  let value: unknown = root;
  const [head, index] = path;
  if (head === 'nodes' && typeof index === 'number') {
    value = asArray(doc.nodes)[index];
    subject = rawNodeSubject(value, index);
    if (isRecord(value) && typeof value.id === 'string') target = { kind: 'node', id: value.id };
    rest = path.slice(2);
  } else if (head === 'edges' && typeof index === 'number') {
    value = asArray(doc.edges)[index];
    subject = rawEdgeSubject(value, index);
    if (isRecord(value) && typeof value.id === 'string') target = { kind: 'edge', id: value.id };
    rest = path.slice(2);
  } else if (head === 'parameters' && typeof index === 'string') {
    value = isRecord(doc.parameters) ? doc.parameters[index] : undefined;
    subject = { kind: 'parameter', name: index };
    target = { kind: 'parameter', name: index };
    rest = path.slice(2);
  } else if (head === 'scenarios' && typeof index === 'number') {
    value = asArray(doc.scenarios)[index];
    subject = rawScenarioSubject(value, index);
    if (isRecord(value) && typeof value.id === 'string') {
      target = { kind: 'scenario', id: value.id };
    }
    rest = path.slice(2);
    if (rest[0] === 'changes' && typeof rest[1] === 'number') {
      subject = { kind: 'change', number: rest[1] + 1, of: subject };
      value = isRecord(value) ? asArray(value.changes)[rest[1]] : undefined;
      rest = rest.slice(2);
    }
  } else if (head === 'options' && typeof index === 'number') {
    value = asArray(doc.options)[index];
    subject =
      isRecord(value) && typeof value.id === 'string'
        ? { kind: 'option', id: value.id }
        : { kind: 'option-number', number: index + 1 };
    if (isRecord(value) && typeof value.id === 'string') target = { kind: 'option', id: value.id };
    rest = path.slice(2);
    if (rest[0] === 'changes' && typeof rest[1] === 'number') {
      subject = { kind: 'change', number: rest[1] + 1, of: subject };
      value = isRecord(value) ? asArray(value.changes)[rest[1]] : undefined;
      rest = rest.slice(2);
    }
  } else if (head === 'economics') {
    value = doc.economics;
    subject = { kind: 'economics' };
    rest = path.slice(1);
  }
  for (const segment of rest) {
    value = isRecord(value) || Array.isArray(value) ? (value as Raw)[segment] : undefined;
    subject = partOf(subject, segment, value);
  }
  return { subject, target };
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (!(isRecord(value) || Array.isArray(value))) return undefined;
    value = (value as Raw)[segment];
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Shape problems reported by the schema

const ALL_NODE_KEYS: ReadonlySet<string> = new Set(Object.values(NODE_FIELDS).flat());

/**
 * A step's amounts that a trial adds up (durations, costs), from the field registry; each is
 * resolved into the model field of the same name.
 */
const STEP_QUANTITY_FIELDS = nodeFieldsOf('step')
  .filter((field) => field.kind === 'quantity')
  .map((field) => field.key as 'duration' | 'cost');

/** Every key the format knows, for "did you mean" hints. */
const KNOWN_KEYS: readonly string[] = [
  ...new Set([
    ...DOCUMENT_KEYS,
    ...ALL_NODE_KEYS,
    ...['source', 'target', 'kind', 'probability', 'value', 'label', 'catch', 'x', 'y'],
    ...['dist', 'min', 'max', 'mode', 'mean', 'sd', 'mu', 'sigma', 'successes', 'trials'],
    ...['name', 'changes', 'node', 'edge', 'parameter', 'set'],
  ]),
];

/** Most edits a "did you mean" suggestion may be away from the key written. */
const SUGGESTION_DISTANCE = 2;

/** Longest known key, plus the edits allowed: a longer key cannot be a misspelling of one. */
const LONGEST_SUGGESTIBLE =
  Math.max(...KNOWN_KEYS.map((known) => known.length)) + SUGGESTION_DISTANCE;

/**
 * Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`, or
 * `bound + 1` as soon as it is clear there are more than `bound`. Three rolling rows, so the
 * work is at most `a.length × b.length` steps on short keys and nothing is allocated per cell.
 */
function editDistance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2] + 1);
      }
      current[j] = d;
      if (d < rowBest) rowBest = d;
    }
    if (rowBest > bound) return bound + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}

/** Suggestions already worked out: a file repeats the same misspelling on many nodes. */
const suggestionCache = new Map<string, string | null>();

/** The known key a short unknown key most likely misspells, within two edits. */
function suggestKey(key: string): string | null {
  // A long key is no misspelling of a short one, and comparing it would cost its length.
  if (key.length > LONGEST_SUGGESTIBLE) return null;
  const cached = suggestionCache.get(key);
  if (cached !== undefined) return cached;
  let best: string | null = null;
  let bestDistance = SUGGESTION_DISTANCE + 1;
  const lower = key.toLowerCase();
  for (const known of KNOWN_KEYS) {
    const distance = editDistance(lower, known.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  // Bounded, so that a file of many different keys cannot grow it without end.
  if (suggestionCache.size >= 1024) suggestionCache.clear();
  suggestionCache.set(key, best);
  return best;
}

function typesAllowing(key: string): NodeType[] {
  return NODE_TYPES.filter((type) => NODE_FIELDS[type].includes(key));
}

/** The kind of a node field (see `fields.ts`), when `key` is one. */
function fieldKind(key: PathSegment | undefined): FieldKind | undefined {
  return typeof key === 'string' ? NODE_FIELD_REGISTRY.get(key as NodeFieldKey)?.kind : undefined;
}

/** What a schema type name asks for, as a word of the catalogue. */
const EXPECTED_KINDS: Readonly<Record<string, Expected>> = {
  number: 'number',
  string: 'text',
  object: 'object',
  array: 'list',
  boolean: 'boolean',
};

/** What a union at `key` accepts. */
function unionExpectation(key: PathSegment | undefined, expected: Set<string>): Expected[] {
  const parts: Expected[] = [];
  if (expected.has('number')) parts.push('number');
  if (expected.has('string')) parts.push(expected.has('number') ? 'expression' : 'text');
  if (expected.has('object')) {
    const kind = fieldKind(key);
    if (kind === 'reliability') parts.push('observed');
    else if (kind === 'quantity') parts.push('distribution');
    else parts.push('object');
  }
  if (expected.has('null')) parts.push('null');
  return parts;
}

function schemaIssueDiagnostics(root: unknown, issues: readonly z.core.$ZodIssue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) collectIssue(root, issue, [], out);
  return out;
}

function collectIssue(
  root: unknown,
  issue: z.core.$ZodIssue,
  base: readonly PathSegment[],
  out: Diagnostic[],
): void {
  const path = [...base, ...(issue.path as PathSegment[])];
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const holder = describePlace(root, path);
      const node = path.length === 2 && path[0] === 'nodes' ? valueAt(root, path) : undefined;
      for (const unknownKey of issue.keys) {
        const keyPath = formatPath([...path, unknownKey]);
        if (isRecord(node) && ALL_NODE_KEYS.has(unknownKey)) {
          const types = typesAllowing(unknownKey);
          out.push(
            diagnostic(
              'field-for-other-types',
              { subject: holder.subject, key: unknownKey, types },
              holder.target,
              keyPath,
            ),
          );
        } else {
          out.push(
            diagnostic(
              'unknown-key',
              { subject: holder.subject, key: unknownKey, suggestion: suggestKey(unknownKey) },
              holder.target,
              keyPath,
            ),
          );
        }
      }
      return;
    }
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator !== undefined) {
        const place = describePlace(root, parentPath);
        const found = valueAt(root, path);
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        const subject = place.subject;
        out.push(
          found === undefined
            ? diagnostic(
                'missing-discriminator',
                { subject, key: String(key), options },
                place.target,
                formatPath(path),
              )
            : diagnostic(
                'bad-discriminator',
                { subject, key: String(key), found: foundLiteral(found), options },
                place.target,
                formatPath(path),
              ),
        );
        return;
      }
      // Keep the alternatives that match the value's kind (an object for an object, ...), then
      // report the one that comes closest to fitting.
      const fitting = issue.errors.filter(
        (alternative) =>
          !alternative.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0),
      );
      if (fitting.length === 0) {
        const expected = new Set(
          issue.errors.flat().map((inner) => (inner.code === 'invalid_type' ? inner.expected : '')),
        );
        invalidType(root, path, unionExpectation(key, expected), out);
        return;
      }
      const closest = fitting.reduce((a, b) => (b.length < a.length ? b : a));
      for (const inner of closest) collectIssue(root, inner, path, out);
      return;
    }
    case 'invalid_type':
      invalidType(root, path, [EXPECTED_KINDS[issue.expected] ?? issue.expected], out);
      return;
    case 'invalid_value': {
      const place = describePlace(root, parentPath);
      out.push(
        diagnostic(
          'invalid-option',
          {
            subject: place.subject,
            key: String(key),
            found: foundLiteral(valueAt(root, path)),
            options: issue.values,
          },
          place.target,
          formatPath(path),
        ),
      );
      return;
    }
    default: {
      const place = describePlace(root, path);
      out.push(
        diagnostic(
          'invalid',
          { subject: place.subject, detail: issue.message },
          place.target,
          formatPath(path),
        ),
      );
    }
  }
}

function invalidType(
  root: unknown,
  path: readonly PathSegment[],
  expected: Expected[],
  out: Diagnostic[],
): void {
  const key = path[path.length - 1];
  const found = valueAt(root, path);
  if (path.length === 0) {
    out.push(diagnostic('document-type', { expected }));
    return;
  }
  const parent = describePlace(root, path.slice(0, -1));
  out.push(
    found === undefined
      ? diagnostic(
          'missing-key',
          { subject: parent.subject, key: String(key), expected },
          parent.target,
          formatPath(path),
        )
      : diagnostic(
          'wrong-type',
          { subject: describePlace(root, path).subject, found: foundValue(found), expected },
          parent.target,
          formatPath(path),
        ),
  );
}

// ---------------------------------------------------------------------------------------------
// Values: expressions, probabilities, distributions, observed data

interface Where {
  path: string;
  target: DiagnosticTarget;
  /** E.g. the reliability of step "s3". */
  subject: Subject;
}

/**
 * Where a value sits, worked out only when a problem is reported: a valid blueprint of a
 * million values then spends nothing on describing them.
 */
type WhereOf = () => Where;

/** The sentences of a distribution that cannot be sampled. */
type DistributionKey =
  | 'negative-amount'
  | 'negative-fixed'
  | 'uniform-negative'
  | 'uniform-order'
  | 'triangular-negative'
  | 'triangular-empty'
  | 'triangular-mode'
  | 'normal-sd'
  | 'lognormal-sigma'
  | 'exponential-mean';

/** Resolves the values of one document, recording every problem. */
class ValueResolver {
  constructor(
    private readonly parameters: ResolvedParameters,
    private readonly known: ReadonlySet<string>,
    private readonly out: Diagnostic[],
  ) {}

  /**
   * A number or expression → its value. `undefined` when it cannot be had: then a problem was
   * reported, here or earlier (by the schema, or on a parameter it uses).
   */
  number(value: unknown, where: WhereOf): number | undefined {
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (typeof value !== 'string') return undefined;
    const checked = checkExpression(value, (name) => this.known.has(name));
    if (!checked.ok) {
      this.report(where, checked.problem);
      return undefined;
    }
    // A parameter without a value has its own problem; do not report it again here.
    if (checked.expression.parameters.some((name) => !this.parameters.values.has(name))) {
      return undefined;
    }
    const result = evaluateChecked(checked.expression, this.parameters.values);
    if (!result.ok) {
      this.report(where, result.problem);
      return undefined;
    }
    return result.value;
  }

  probability(value: unknown, whereOf: WhereOf): number | undefined {
    const resolved = this.number(value, whereOf);
    if (resolved === undefined) return undefined;
    if (resolved < 0 || resolved > 1) {
      const where = whereOf();
      this.out.push(
        diagnostic(
          'probability-range',
          {
            subject: where.subject,
            value: resolved,
            expression: typeof value === 'string' ? value : null,
          },
          where.target,
          where.path,
        ),
      );
      return undefined;
    }
    return resolved;
  }

  /** A duration or cost: a plain amount (fixed) or a distribution object. */
  quantity(value: unknown, where: WhereOf): Distribution | undefined {
    if (typeof value === 'number' || typeof value === 'string') {
      const amount = this.number(value, where);
      if (amount === undefined) return undefined;
      if (amount < 0) {
        this.distribution(where, 'negative-amount', { value: amount });
        return undefined;
      }
      return { kind: 'fixed', value: amount };
    }
    if (!isRecord(value)) return undefined;
    const param = (name: string): number | undefined =>
      this.number(value[name], () => {
        const { path, target, subject } = where();
        return {
          path: `${path}.${name}`,
          target,
          subject: { kind: 'field', field: name, of: subject },
        };
      });
    switch (value.dist) {
      case 'fixed': {
        const amount = param('value');
        if (amount === undefined) return undefined;
        if (amount < 0) {
          this.distribution(where, 'negative-fixed', { value: amount });
          return undefined;
        }
        return { kind: 'fixed', value: amount };
      }
      case 'uniform': {
        const [min, max] = [param('min'), param('max')];
        if (min === undefined || max === undefined) return undefined;
        if (min < 0 || min > max) {
          if (min < 0) this.distribution(where, 'uniform-negative', { min });
          else this.distribution(where, 'uniform-order', { min, max });
          return undefined;
        }
        return { kind: 'uniform', min, max };
      }
      case 'triangular': {
        const [min, mode, max] = [param('min'), param('mode'), param('max')];
        if (min === undefined || mode === undefined || max === undefined) return undefined;
        if (min < 0) {
          this.distribution(where, 'triangular-negative', { min });
          return undefined;
        }
        if (min >= max) {
          this.distribution(where, 'triangular-empty', { min, max });
          return undefined;
        }
        if (mode < min || mode > max) {
          this.distribution(where, 'triangular-mode', { min, mode, max });
          return undefined;
        }
        return { kind: 'triangular', min, mode, max };
      }
      case 'normal': {
        const [mean, sd] = [param('mean'), param('sd')];
        if (mean === undefined || sd === undefined) return undefined;
        if (sd < 0) {
          this.distribution(where, 'normal-sd', { sd });
          return undefined;
        }
        return { kind: 'normal', mean, sd };
      }
      case 'lognormal': {
        const [mu, sigma] = [param('mu'), param('sigma')];
        if (mu === undefined || sigma === undefined) return undefined;
        if (sigma < 0) {
          this.distribution(where, 'lognormal-sigma', { sigma });
          return undefined;
        }
        return { kind: 'lognormal', mu, sigma };
      }
      case 'exponential': {
        const mean = param('mean');
        if (mean === undefined) return undefined;
        if (mean <= 0) {
          this.distribution(where, 'exponential-mean', { mean });
          return undefined;
        }
        return { kind: 'exponential', mean };
      }
      default:
        return undefined;
    }
  }

  /** Observed data: whole numbers with 0 ≤ successes ≤ trials and at least one trial. */
  observed(value: Raw, whereOf: WhereOf): ObservedData | undefined {
    const { successes, trials } = value;
    if (typeof successes !== 'number' || typeof trials !== 'number') return undefined;
    if (
      Number.isInteger(successes) &&
      Number.isInteger(trials) &&
      successes >= 0 &&
      trials > 0 &&
      successes <= trials
    ) {
      return { successes, trials };
    }
    const where = whereOf();
    const subject = where.subject;
    let problem: Diagnostic;
    if (!Number.isInteger(successes) || !Number.isInteger(trials)) {
      problem = diagnostic('observed-not-whole', { subject, successes, trials }, where.target);
    } else if (successes < 0 || trials < 0) {
      problem = diagnostic('observed-negative', { subject, successes, trials }, where.target);
    } else if (trials === 0) {
      problem = diagnostic('observed-no-trials', { subject }, where.target);
    } else {
      problem = diagnostic('observed-too-many', { subject, successes, trials }, where.target);
    }
    this.out.push({ ...problem, path: where.path });
    return undefined;
  }

  /** A distribution that cannot be sampled (BP025). */
  private distribution<K extends DistributionKey>(
    whereOf: WhereOf,
    key: K,
    values: Omit<MessageParams[K], 'subject'>,
  ): void {
    const where = whereOf();
    const params = { ...values, subject: where.subject } as MessageParams[K];
    this.out.push(diagnostic(key, params, where.target, where.path));
  }

  private report(whereOf: WhereOf, problem: ExpressionProblem): void {
    const where = whereOf();
    this.out.push(
      diagnostic('expression', { subject: where.subject, problem }, where.target, where.path),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The body of a current-version document

/** A stand-in for a probability that could not be resolved: inside (0, 1), so that structural
 * checks treat every way out as possible and report no loop that the real value might open. */
const UNRESOLVED_PROBABILITY = 0.5;

interface BodyCheck {
  diagnostics: Diagnostic[];
  parameters: Map<string, number>;
  model: Model | null;
  /** Nodes and edges are readable enough to build the graph (ids, types, ends of edges). */
  graphReadable: boolean;
  /** The schema accepted the whole document as it is. */
  schemaAccepted: boolean;
  /** A resolver of numbers and expressions over this document's parameters, reporting to `out`. */
  resolver(out: Diagnostic[]): ValueResolver;
}

function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && (NODE_TYPES as readonly string[]).includes(value);
}

function isLane(value: unknown): value is Lane {
  return typeof value === 'string' && (LANES as readonly string[]).includes(value);
}

/** Runs the schema over a document, reporting its issues; true when it accepts the document. */
function checkSchema(root: Raw, out: Diagnostic[]): boolean {
  const issues = schemaIssues(root);
  if (issues !== null) out.push(...schemaIssueDiagnostics(root, issues));
  return issues === null;
}

/**
 * Checks everything but the scenarios' own changes: shape, ids, parameters, values, structure.
 * Runs on the baseline document and on each scenario's changed copy.
 */
function checkBody(root: Raw): BodyCheck {
  const diagnostics: Diagnostic[] = [];
  // The quick check says yes only to what the schema accepts; zod runs on anything else and
  // its issues alone make the shape problems.
  const schemaAccepted = fitsBlueprintSchema(root) || checkSchema(root, diagnostics);

  const parameters = checkParameters(root, diagnostics);
  const known = new Set(
    Object.keys(isRecord(root.parameters) ? root.parameters : {}).filter(isValidParameterName),
  );
  const values = new ValueResolver(parameters, known, diagnostics);

  const rawNodes = asArray(root.nodes);
  const rawEdges = asArray(root.edges);
  // Where the duplicate ids are reported. They are looked for only once the model is known not
  // to build: a model that builds from every node and edge has no id twice, and a blueprint of
  // a million nodes then spares a table of all its ids.
  const duplicatesAt = diagnostics.length;

  let graphReadable = Array.isArray(root.nodes) && Array.isArray(root.edges);
  const unresolved = new Set<string>();
  const nodeInputs: NodeInput[] = [];
  rawNodes.forEach((raw, index) => {
    if (!isRecord(raw) || typeof raw.id !== 'string' || !isNodeType(raw.type)) {
      graphReadable = false;
      return;
    }
    const { input, complete } = resolveNode(raw, raw.id, raw.type, index, values);
    if (!complete) unresolved.add(raw.id);
    nodeInputs.push(input);
  });

  const edgeInputs: EdgeInput[] = [];
  rawEdges.forEach((raw, index) => {
    if (
      !isRecord(raw) ||
      typeof raw.id !== 'string' ||
      typeof raw.source !== 'string' ||
      typeof raw.target !== 'string' ||
      (raw.kind !== undefined && raw.kind !== 'normal' && raw.kind !== 'failure')
    ) {
      graphReadable = false;
      return;
    }
    const input: EdgeInput = { id: raw.id, source: raw.source, target: raw.target };
    if (raw.kind !== undefined) input.kind = raw.kind;
    if (raw.probability !== undefined) {
      const id = raw.id;
      const probability = values.probability(raw.probability, () => ({
        path: formatPath(['edges', index, 'probability']),
        target: { kind: 'edge', id },
        subject: { kind: 'field', field: 'probability', of: { kind: 'edge', id } },
      }));
      if (probability === undefined) {
        unresolved.add(raw.id);
        unresolved.add(raw.source);
      }
      input.probability = probability ?? UNRESOLVED_PROBABILITY;
    }
    edgeInputs.push(input);
  });

  let model: Model | null = null;
  if (graphReadable) {
    const built = buildModel({ nodes: nodeInputs, edges: edgeInputs } satisfies ModelInput);
    if (built.ok) {
      model = built.model;
    } else {
      const place = placeIndex(rawNodes, rawEdges);
      for (const problem of built.diagnostics) {
        // Duplicates are reported above with their place in the file; range and sum problems
        // of values that could not be resolved would only repeat an earlier problem.
        if (problem.code === 'BP006') continue;
        if (
          (problem.code === 'BP011' || problem.code === 'BP012') &&
          (problem.target.kind === 'node' || problem.target.kind === 'edge') &&
          unresolved.has(problem.target.id)
        ) {
          continue;
        }
        diagnostics.push(withPath(problem, place));
      }
    }
  }
  const duplicates: Diagnostic[] = [];
  if (model === null) checkDuplicateIds(rawNodes, rawEdges, duplicates);
  return {
    diagnostics:
      duplicates.length === 0
        ? diagnostics
        : [
            ...diagnostics.slice(0, duplicatesAt),
            ...duplicates,
            ...diagnostics.slice(duplicatesAt),
          ],
    parameters: parameters.values,
    model,
    graphReadable,
    schemaAccepted,
    resolver: (out) => new ValueResolver(parameters, known, out),
  };
}

/** Where each node and edge id first appears in the file, to place structural problems. */
interface PlaceIndex {
  node: Map<string, number>;
  edge: Map<string, number>;
}

function placeIndex(rawNodes: unknown[], rawEdges: unknown[]): PlaceIndex {
  const index = (list: unknown[]) => {
    const first = new Map<string, number>();
    list.forEach((item, i) => {
      if (isRecord(item) && typeof item.id === 'string' && !first.has(item.id)) {
        first.set(item.id, i);
      }
    });
    return first;
  };
  return { node: index(rawNodes), edge: index(rawEdges) };
}

function withPath(problem: Diagnostic, place: PlaceIndex): Diagnostic {
  if (problem.path !== undefined) return problem;
  const { target } = problem;
  if (target.kind !== 'node' && target.kind !== 'edge') return problem;
  const index = place[target.kind].get(target.id);
  if (index === undefined) return problem;
  return { ...problem, path: formatPath([target.kind === 'node' ? 'nodes' : 'edges', index]) };
}

function checkParameters(root: Raw, out: Diagnostic[]): ResolvedParameters {
  const specs = new Map<string, number | string>();
  const raw = isRecord(root.parameters) ? root.parameters : {};
  for (const [name, spec] of Object.entries(raw)) {
    if (!isValidParameterName(name)) {
      out.push(
        diagnostic(
          'parameter-name',
          { name },
          { kind: 'parameter', name },
          formatPath(['parameters', name]),
        ),
      );
      continue;
    }
    if (isRecord(spec) && (typeof spec.value === 'number' || typeof spec.value === 'string')) {
      specs.set(name, spec.value);
    }
  }
  const resolved = resolveParameters(specs);
  for (const { name, problem } of resolved.problems) {
    out.push(
      diagnostic(
        'expression',
        { subject: { kind: 'field', field: 'value', of: { kind: 'parameter', name } }, problem },
        { kind: 'parameter', name },
        formatPath(['parameters', name, 'value']),
      ),
    );
  }
  return resolved;
}

function checkDuplicateIds(rawNodes: unknown[], rawEdges: unknown[], out: Diagnostic[]): void {
  // Nodes and edges share one set of ids, so that a message or a selection naming an id is never
  // ambiguous.
  // The first place of each id, as a node's position from 0 or an edge's as −1 − position: a
  // number, so that a blueprint of a million ids makes no object per id.
  const firstUse = new Map<string, number>();
  const placeOf = (code: number): ListPlace =>
    code >= 0 ? { kind: 'node', number: code + 1 } : { kind: 'edge', number: -code };
  const check = (list: unknown[], kind: 'node' | 'edge', key: 'nodes' | 'edges') => {
    list.forEach((item, index) => {
      if (!isRecord(item) || typeof item.id !== 'string') return;
      const code = kind === 'node' ? index : -1 - index;
      const earlier = firstUse.get(item.id);
      if (earlier === undefined) {
        firstUse.set(item.id, code);
        return;
      }
      out.push(
        diagnostic(
          'duplicate-id',
          { id: item.id, first: placeOf(earlier), second: placeOf(code) },
          { kind, id: item.id },
          formatPath([key, index, 'id']),
        ),
      );
    });
  };
  check(rawNodes, 'node', 'nodes');
  check(rawEdges, 'edge', 'edges');
}

/** Builds one node's numeric input; `complete` is false when a value had to be stood in for. */
function resolveNode(
  raw: Raw,
  id: string,
  type: NodeType,
  index: number,
  values: ValueResolver,
): { input: NodeInput; complete: boolean } {
  const input: NodeInput = { id, type };
  if (isLane(raw.lane)) input.lane = raw.lane;
  if (typeof raw.label === 'string') input.label = raw.label;
  let complete = true;
  // Names and places are made only when a value has a problem (see WhereOf).
  const node = (): Subject => ({ kind: 'node', node: rawNodeRef(raw, id) });
  const target = (): DiagnosticTarget => ({ kind: 'node', id });
  const at = (...segments: PathSegment[]) => formatPath(['nodes', index, ...segments]);

  if (type === 'end' && (raw.outcome === 'success' || raw.outcome === 'failure')) {
    input.outcome = raw.outcome;
  }
  if (type === 'join' && typeof raw.k === 'number') input.k = raw.k;
  if (type !== 'step') return { input, complete };

  if (isRecord(raw.reliability)) {
    const observed = values.observed(raw.reliability, () => ({
      path: at('reliability'),
      target: target(),
      subject: { kind: 'observed', of: node() },
    }));
    if (observed) {
      input.observed = observed;
      input.reliability = observed.successes / observed.trials;
    } else {
      complete = false;
      input.reliability = UNRESOLVED_PROBABILITY;
    }
  } else if (raw.reliability !== undefined) {
    const reliability = values.probability(raw.reliability, () => ({
      path: at('reliability'),
      target: target(),
      subject: { kind: 'field', field: 'reliability', of: node() },
    }));
    if (reliability === undefined) complete = false;
    input.reliability = reliability ?? UNRESOLVED_PROBABILITY;
  }

  if (isRecord(raw.recovery)) {
    const recovery = raw.recovery;
    const catchRate = values.probability(recovery.catch, () => ({
      path: at('recovery', 'catch'),
      target: target(),
      subject: { kind: 'recovery', field: 'catch', node: rawNodeRef(raw, id) },
    }));
    if (catchRate === undefined) complete = false;
    const resolved: NonNullable<NodeInput['recovery']> = {
      catch: catchRate ?? UNRESOLVED_PROBABILITY,
    };
    for (const field of ['duration', 'cost'] as const) {
      if (recovery[field] === undefined) continue;
      const quantity = values.quantity(recovery[field], () => ({
        path: at('recovery', field),
        target: target(),
        subject: { kind: 'recovery', field, node: rawNodeRef(raw, id) },
      }));
      if (quantity) resolved[field] = quantity;
    }
    input.recovery = resolved;
  }
  for (const field of STEP_QUANTITY_FIELDS) {
    if (raw[field] === undefined) continue;
    const quantity = values.quantity(raw[field], () => ({
      path: at(field),
      target: target(),
      subject: { kind: 'field', field, of: node() },
    }));
    if (quantity) input[field] = quantity;
  }
  return { input, complete };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

function diagnosticKey(d: Diagnostic): string {
  return `${d.code}|${d.path ?? ''}|${d.message}`;
}

/**
 * Where the values a scenario changes came from: a problem found at `nodes[3].reliability` in
 * the changed copy belongs to the change that set it.
 */
function changeOrigins(root: Raw, scenario: Raw, scenarioIndex: number): Map<string, string> {
  const origins = new Map<string, string>();
  const nodes = idPlaces(asArray(root.nodes));
  const edges = idPlaces(asArray(root.edges));
  // Later changes win over earlier ones to the same value, so each later one overwrites.
  asArray(scenario.changes).forEach((change, c) => {
    if (!isRecord(change)) return;
    const changePath: PathSegment[] = ['scenarios', scenarioIndex, 'changes', c];
    if (typeof change.node === 'string' && isRecord(change.set)) {
      for (const n of nodes.get(change.node) ?? []) {
        for (const field of Object.keys(change.set)) {
          origins.set(formatPath(['nodes', n, field]), formatPath([...changePath, 'set', field]));
        }
      }
    } else if (typeof change.edge === 'string') {
      for (const e of edges.get(change.edge) ?? []) {
        origins.set(
          formatPath(['edges', e, 'probability']),
          formatPath([...changePath, 'set', 'probability']),
        );
      }
    } else if (typeof change.parameter === 'string') {
      origins.set(formatPath(['parameters', change.parameter]), formatPath(changePath));
    }
  });
  return origins;
}

/** Every position at which each id appears in a list. */
function idPlaces(list: unknown[]): Map<string, number[]> {
  const places = new Map<string, number[]>();
  list.forEach((item, i) => {
    if (!isRecord(item) || typeof item.id !== 'string') return;
    const known = places.get(item.id);
    if (known) known.push(i);
    else places.set(item.id, [i]);
  });
  return places;
}

/**
 * The path of a problem found in a scenario's changed copy, moved to the change that set the
 * value. A changed value's path has three segments (`nodes[3].reliability`,
 * `parameters.base`), so only the whole path and its first few prefixes are looked up: the cost
 * is the length of the path, not the number of changes.
 */
function relocate(path: string | undefined, origins: Map<string, string>): string | undefined {
  if (path === undefined) return undefined;
  const ends: number[] = [];
  for (let i = 1; i < path.length && ends.length < 4; i++) {
    if (path[i] === '.' || path[i] === '[') ends.push(i);
  }
  ends.push(path.length);
  for (const end of ends.reverse()) {
    const to = origins.get(path.slice(0, end));
    if (to !== undefined) return to + path.slice(end);
  }
  return path;
}

interface ScenarioCheck {
  diagnostics: Diagnostic[];
  resolved: ResolvedScenario[];
}

/**
 * Checks every scenario: unique ids, changes that aim at existing nodes, edges and parameters,
 * and the changed copy of the blueprint. Problems the baseline has too are not repeated.
 */
function checkScenarios(root: Raw, baseline: BodyCheck): ScenarioCheck {
  const diagnostics: Diagnostic[] = [];
  const resolved: ResolvedScenario[] = [];
  const seen = new Map<string, number>();
  const { scenarios, ...body } = root;
  // A blueprint without scenarios (most large ones) skips the tables below.
  if (asArray(scenarios).length === 0) return { diagnostics, resolved };
  const targets = changeTargets(root);
  const baselineKeys = new Set(baseline.diagnostics.map(diagnosticKey));
  const scenariosWithProblems = indexesWithProblems(baseline.diagnostics, 'scenarios');
  const optionIds = new Set(asArray(root.options).flatMap((o) => (isRecord(o) ? [o.id] : [])));
  const optionsReadable = indexesWithProblems(baseline.diagnostics, 'options').size === 0;

  asArray(scenarios).forEach((scenario, s) => {
    if (!isRecord(scenario) || typeof scenario.id !== 'string') return;
    const id = scenario.id;
    const target: DiagnosticTarget = { kind: 'scenario', id };
    const previous = seen.get(id);
    if (previous !== undefined || id === BASELINE_SCENARIO_ID) {
      diagnostics.push(
        previous === undefined
          ? diagnostic(
              'baseline-scenario-id',
              { id: BASELINE_SCENARIO_ID },
              target,
              formatPath(['scenarios', s, 'id']),
            )
          : diagnostic(
              'duplicate-scenario-id',
              { id, first: previous + 1, second: s + 1 },
              target,
              formatPath(['scenarios', s, 'id']),
            ),
      );
    }
    if (previous === undefined) seen.set(id, s);

    let targetsExist = true;
    asArray(scenario.changes).forEach((change, c) => {
      const missing = missingTarget(change, targets);
      if (missing !== null) {
        targetsExist = false;
        diagnostics.push(
          diagnostic(
            'missing-change-target',
            { scenario: id, change: c + 1, missing },
            target,
            formatPath(['scenarios', s, 'changes', c]),
          ),
        );
      }
    });

    let optionsOk = true;
    const listed: string[] = [];
    asArray(scenario.options).forEach((option, o) => {
      if (typeof option !== 'string') return;
      listed.push(option);
      if (optionIds.has(option)) return;
      optionsOk = false;
      diagnostics.push(
        diagnostic(
          'missing-option',
          { scenario: id, option },
          target,
          formatPath(['scenarios', s, 'options', o]),
        ),
      );
    });
    if (optionsOk && optionsReadable) {
      for (const conflict of optionConflicts(root as unknown as BlueprintDocument, listed)) {
        optionsOk = false;
        diagnostics.push(
          diagnostic(
            'conflicting-options',
            {
              scenario: id,
              first: conflict.first,
              second: conflict.second,
              target: conflict.target,
              field: conflict.field,
            },
            target,
            formatPath(['scenarios', s, 'options']),
          ),
        );
      }
    }

    // Changes are applied only when they are well formed, aim at something that exists, and
    // the baseline's graph (and the options it lists) can be read at all.
    const shapeOk = !scenariosWithProblems.has(s);
    if (!shapeOk || !targetsExist || !optionsOk || !baseline.graphReadable) return;
    if (listed.length > 0 && !optionsReadable) return;
    const changed = applyScenario(
      body as unknown as BlueprintDocument,
      scenario as unknown as ScenarioSpec,
    ) as unknown as Raw;
    const check = checkBody(changed);
    const origins = changeOrigins(root, scenario, s);
    for (const problem of check.diagnostics) {
      if (baselineKeys.has(diagnosticKey(problem))) continue;
      diagnostics.push(
        diagnostic(
          'in-scenario',
          { scenario: id, inner: diagnosticDetail(problem) },
          target,
          relocate(problem.path, origins),
        ),
      );
    }
    if (check.model && typeof scenario.name === 'string') {
      resolved.push({ id, name: scenario.name, model: check.model });
    }
  });
  return { diagnostics, resolved };
}

/** The items of the list `list` (`scenarios`, `options`), by position, that a problem's path points into. */
function indexesWithProblems(
  diagnostics: readonly Diagnostic[],
  list: 'scenarios' | 'options',
): Set<number> {
  const indexes = new Set<number>();
  const pattern = new RegExp(`^${list}\\[(\\d+)\\]`);
  for (const d of diagnostics) {
    const match = d.path === undefined ? null : pattern.exec(d.path);
    if (match) indexes.add(Number(match[1]));
  }
  return indexes;
}

/** The ids a change may aim at: nodes, edges and parameters of the document. */
interface ChangeTargets {
  nodes: Set<unknown>;
  edges: Set<unknown>;
  parameters: Set<string>;
}

function changeTargets(root: Raw): ChangeTargets {
  return {
    nodes: new Set(asArray(root.nodes).flatMap((n) => (isRecord(n) ? [n.id] : []))),
    edges: new Set(asArray(root.edges).flatMap((e) => (isRecord(e) ? [e.id] : []))),
    parameters: new Set(Object.keys(isRecord(root.parameters) ? root.parameters : {})),
  };
}

/** What a change aims at that the document does not have, or null. */
function missingTarget(
  change: unknown,
  targets: ChangeTargets,
): { kind: 'node' | 'edge' | 'parameter'; id: string } | null {
  if (!isRecord(change)) return null;
  if (typeof change.node === 'string' && !targets.nodes.has(change.node)) {
    return { kind: 'node', id: change.node };
  }
  if (typeof change.edge === 'string' && !targets.edges.has(change.edge)) {
    return { kind: 'edge', id: change.edge };
  }
  if (typeof change.parameter === 'string' && !targets.parameters.has(change.parameter)) {
    return { kind: 'parameter', id: change.parameter };
  }
  return null;
}

/**
 * The options of a document checked on their own: ids, prices, what their changes aim at, and
 * the blueprint each makes alone (whose new problems are reported inside the option).
 */
function checkOptions(
  root: Raw,
  baseline: BodyCheck,
): { diagnostics: Diagnostic[]; resolved: ResolvedOption[] } {
  const diagnostics: Diagnostic[] = [];
  const resolved: ResolvedOption[] = [];
  const rawOptions = asArray(root.options);
  if (rawOptions.length === 0) return { diagnostics, resolved };
  const { scenarios: _scenarios, ...body } = root;
  const targets = changeTargets(root);
  const baselineKeys = new Set(baseline.diagnostics.map(diagnosticKey));
  const withProblems = indexesWithProblems(baseline.diagnostics, 'options');
  const values = baseline.resolver(diagnostics);
  const seen = new Map<string, number>();
  rawOptions.forEach((option, o) => {
    if (!isRecord(option) || typeof option.id !== 'string') return;
    const id = option.id;
    const target: DiagnosticTarget = { kind: 'option', id };
    const previous = seen.get(id);
    if (previous !== undefined) {
      diagnostics.push(
        diagnostic(
          'duplicate-option-id',
          { id, first: previous + 1, second: o + 1 },
          target,
          formatPath(['options', o, 'id']),
        ),
      );
    } else {
      seen.set(id, o);
    }
    const price = (key: 'costOnce' | 'costPerYear'): number | undefined => {
      if (option[key] === undefined) return key === 'costPerYear' ? 0 : undefined;
      const where: WhereOf = () => ({
        path: formatPath(['options', o, key]),
        target,
        subject: { kind: 'field', field: key, of: { kind: 'option', id } },
      });
      return checkedAmount(values, option[key], 'money', where, diagnostics);
    };
    const costOnce = price('costOnce');
    const costPerYear = price('costPerYear');

    let targetsExist = true;
    asArray(option.changes).forEach((change, c) => {
      const missing = missingTarget(change, targets);
      if (missing === null) return;
      targetsExist = false;
      diagnostics.push(
        diagnostic(
          'missing-option-target',
          { option: id, change: c + 1, missing },
          target,
          formatPath(['options', o, 'changes', c]),
        ),
      );
    });
    if (withProblems.has(o) || !targetsExist || !baseline.graphReadable) return;
    const changed = applyScenario(body as unknown as BlueprintDocument, {
      id,
      name: id,
      changes: option.changes as ScenarioSpec['changes'],
    }) as unknown as Raw;
    const check = checkBody(changed);
    for (const problem of check.diagnostics) {
      if (baselineKeys.has(diagnosticKey(problem))) continue;
      diagnostics.push(
        diagnostic(
          'in-option',
          { option: id, inner: diagnosticDetail(problem) },
          target,
          problem.path,
        ),
      );
    }
    if (check.model && costOnce !== undefined && costPerYear !== undefined) {
      resolved.push({
        id,
        label: typeof option.label === 'string' && option.label !== '' ? option.label : id,
        costOnce,
        costPerYear,
        model: check.model,
      });
    }
  });
  return { diagnostics, resolved };
}

/**
 * A number of kind `kind` (a count, money, a share…) resolved and checked against its range;
 * undefined, with a problem reported, when it cannot be had or is out of range.
 */
function checkedAmount(
  values: ValueResolver,
  raw: unknown,
  kind: EconomicsFieldKind,
  where: WhereOf,
  out: Diagnostic[],
): number | undefined {
  const value = values.number(raw, where);
  if (value === undefined) return undefined;
  const problem = economicsValueProblem(kind, value);
  if (problem === null) return value;
  const place = where();
  out.push(
    diagnostic(
      problem === 'share' ? 'economics-share' : 'economics-negative',
      { subject: place.subject, value },
      place.target,
      place.path,
    ),
  );
  return undefined;
}

/** The economics of a document resolved into numbers, or null when it has none or they have problems. */
function checkEconomics(
  root: Raw,
  baseline: BodyCheck,
): { diagnostics: Diagnostic[]; economics: Economics | null } {
  const diagnostics: Diagnostic[] = [];
  const raw = root.economics;
  if (!isRecord(raw)) return { diagnostics, economics: null };
  const values = baseline.resolver(diagnostics);
  const spending = isRecord(raw.customerValue);
  const read = new Map<string, number | undefined>();
  for (const field of ECONOMICS_FIELDS) {
    // customerValue is either a number or spending: only the form the file uses is read.
    if (field.key === 'customerValue' && spending) continue;
    if (field.key.startsWith('customerValue.') && !spending) continue;
    const value = valueAt(raw, field.path);
    if (value === undefined) {
      read.set(field.key, field.absent);
      continue;
    }
    const where: WhereOf = () => ({
      path: formatPath(['economics', ...field.path]),
      target: { kind: 'document' },
      subject: field.path.reduce<Subject>(
        (of, segment) => ({ kind: 'field', field: segment, of }),
        { kind: 'economics' },
      ),
    });
    read.set(field.key, checkedAmount(values, value, field.kind, where, diagnostics));
  }
  const get = (key: string) => read.get(key);
  const customerValue = spending
    ? [
        get('customerValue.spendPerVisit'),
        get('customerValue.visitsPerYear'),
        get('customerValue.years'),
      ].reduce<number | undefined>(
        (product, factor) =>
          product === undefined || factor === undefined ? undefined : product * factor,
        1,
      )
    : get('customerValue');
  const numbers = [
    get('customersPerYear'),
    customerValue,
    get('lostShare'),
    get('wordOfMouth.told'),
    get('wordOfMouth.lostShare'),
    get('failureCost'),
    get('horizonYears'),
  ];
  if (typeof raw.currency !== 'string' || numbers.some((n) => n === undefined)) {
    return { diagnostics, economics: null };
  }
  const [customersPerYear, value, lostShare, told, heardLost, failureCost, horizonYears] =
    numbers as number[];
  return {
    diagnostics,
    economics: {
      currency: raw.currency,
      customersPerYear,
      customerValue: value,
      lostShare,
      wordOfMouth: { told, lostShare: heardLost },
      failureCost,
      horizonYears,
    },
  };
}

function checkCurrentVersion(root: Raw, owned: boolean): ParseResult {
  const baseline = checkBody(root);
  const scenarios = checkScenarios(root, baseline);
  const options = checkOptions(root, baseline);
  const economics = checkEconomics(root, baseline);
  const diagnostics = dedupe([
    ...baseline.diagnostics,
    ...scenarios.diagnostics,
    ...options.diagnostics,
    ...economics.diagnostics,
  ]);
  // The baseline's check ran the schema over the whole document, scenarios included; a
  // document it accepted needs no second run.
  if (diagnostics.length > 0 || baseline.model === null || !baseline.schemaAccepted) {
    return { ok: false, diagnostics };
  }
  // The blueprint keeps the document as written (zod's output would reorder keys), so that
  // saving it changes nothing; a value the caller still holds is copied, so that later edits
  // of either never reach the other.
  const document = (owned ? root : copyJson(root)) as BlueprintDocument;
  return {
    ok: true,
    blueprint: {
      document,
      parameters: Object.fromEntries(baseline.parameters),
      model: baseline.model,
      scenarios: scenarios.resolved,
      economics: economics.economics,
      options: options.resolved,
    },
  };
}

/**
 * A copy of a value the schema accepted (plain objects, lists, strings, numbers, booleans),
 * equal to `JSON.parse(JSON.stringify(value))`: keys whose value is `undefined` are left out.
 * Written out because the text round trip costs several times more on large blueprints; the
 * schema bounds the nesting, so the recursion is shallow.
 */
function copyJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const list = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      list[i] = item === undefined ? null : copyJson(item);
    }
    return list;
  }
  const copy: Raw = {};
  for (const key of Object.keys(value)) {
    const item = (value as Raw)[key];
    if (item !== undefined) copy[key] = copyJson(item);
  }
  return copy;
}

/**
 * The first {@link MAX_PROBLEMS_PER_CODE} problems of each code, in file order, then for each
 * code with more one problem counting the rest.
 */
function capped(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const shown = new Map<DiagnosticCode, number>();
  const hidden = new Map<DiagnosticCode, number>();
  const kept: Diagnostic[] = [];
  for (const problem of diagnostics) {
    if (problem.key === 'more-problems') {
      const { count } = problem.params as MessageParams['more-problems'];
      hidden.set(problem.code, (hidden.get(problem.code) ?? 0) + count);
      continue;
    }
    const count = shown.get(problem.code) ?? 0;
    if (count < MAX_PROBLEMS_PER_CODE) {
      shown.set(problem.code, count + 1);
      kept.push(problem);
    } else {
      hidden.set(problem.code, (hidden.get(problem.code) ?? 0) + 1);
    }
  }
  for (const [code, count] of hidden) kept.push(diagnostic('more-problems', { code, count }));
  return kept;
}

/**
 * How many problems a list stands for: those spelled out plus those a "more problems" entry
 * counts, so a file with 10,000 misspelt keys is said to have 10,000 problems, not 21.
 */
export function problemCount(diagnostics: readonly Diagnostic[]): number {
  let count = 0;
  for (const problem of diagnostics) {
    count +=
      problem.key === 'more-problems'
        ? (problem.params as MessageParams['more-problems']).count
        : 1;
  }
  return count;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = diagnosticKey(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
