/**
 * The parameters of every diagnostic sentence. A problem is recorded as a message key with
 * structured values (which node, which field, which numbers), never as finished English, so
 * that each language builds its own sentence with its own word order.
 */
import type { ExpressionProblem, ForbiddenConstruct } from '../expression-rules';
import type { NodeType } from '../model';
import type { DiagnosticCode } from './index';

/** A node as a sentence names it: its type word, its id and, when it has one, its label. */
export interface NodeRef {
  id: string;
  /** Absent when the file gives no valid type; the sentence then says "node". */
  type?: NodeType;
  /** Present only when worth showing (not empty, not the id again). */
  label?: string;
}

/**
 * What a sentence is about, as a place in the blueprint: "the catch rate of the recovery at
 * step s3", "change 2 of scenario better-7", "the value of parameter base".
 */
export type Subject =
  | { kind: 'blueprint' }
  | { kind: 'node'; node: NodeRef }
  /** A node the file gives no id, by its position in the list, from 1. */
  | { kind: 'node-number'; number: number }
  | { kind: 'edge'; id: string }
  | { kind: 'edge-number'; number: number }
  | { kind: 'parameter'; name: string }
  | { kind: 'scenario'; id: string }
  | { kind: 'scenario-number'; number: number }
  /** The blueprint's economics (what failures cost). */
  | { kind: 'economics' }
  /** An improvement option, by id. */
  | { kind: 'option'; id: string }
  | { kind: 'option-number'; number: number }
  /** The `number`-th change (from 1) of a scenario. */
  | { kind: 'change'; number: number; of: Subject }
  /** A key of an object in the file, such as `reliability` or `sd`. */
  | { kind: 'field'; field: string; of: Subject }
  /** The observed data `{ successes, trials }` given as a step's reliability. */
  | { kind: 'observed'; of: Subject }
  /** The `number`-th item (from 1) of a list. */
  | { kind: 'item'; number: number; of: Subject }
  /** A field of the recovery of a step. */
  | { kind: 'recovery'; field: 'catch' | 'duration' | 'cost'; node: NodeRef };

/** A value found in the file, described rather than quoted whole. */
export type FoundValue =
  | { kind: 'missing' }
  | { kind: 'null' }
  | { kind: 'list' }
  | { kind: 'object' }
  /** A number or true/false, written as in the file. */
  | { kind: 'literal'; text: string }
  /** A text, shortened to at most 40 characters. */
  | { kind: 'text'; text: string }
  /** A short text shown in quotes, exactly as written. */
  | { kind: 'quoted'; text: string };

/**
 * What a value should have been: `number`, `text`, `expression` (a number or an expression
 * written as text), `observed` (observed data), `distribution`, `object`, `list`, `boolean`,
 * `null`, or a schema type name for anything rarer.
 */
export type Expected = string;

/** Where the same id was first and again used: a node or edge by its position, from 1. */
export interface ListPlace {
  kind: 'node' | 'edge';
  number: number;
}

/** How many edges a node type allows; `max` is `null` when there is no upper bound. */
export interface EdgeRule {
  min: number;
  max: number | null;
}

/** Where a JSON syntax error is, when the engine's message tells. */
export interface TextLocation {
  line: number;
  column: number;
}

/**
 * Every diagnostic sentence, by key, with the values it names. Numbers are plain JavaScript
 * numbers (probabilities 0–1, counts, amounts in the blueprint's own units).
 */
export interface MessageParams {
  // The file and its envelope
  'check-failed': { detail: string };
  'not-json': { at: TextLocation | null; empty: boolean; detail: string };
  /** The bytes are not text in the encoding they claim; `offset` counts bytes from 0. */
  'not-text': { encoding: 'utf-8' | 'utf-16'; offset: number };
  'not-an-object': { found: 'list' | 'null' | string; format: string };
  'no-format': { format: string };
  'wrong-format': { found: FoundValue; format: string };
  'no-version': { current: number };
  'bad-version': { found: FoundValue; current: number };
  'too-new': { version: number; current: number };
  // The shape of the document
  'unknown-key': { subject: Subject; key: string; suggestion: string | null };
  'field-for-other-types': { subject: Subject; key: string; types: NodeType[] };
  'missing-discriminator': { subject: Subject; key: string; options: string[] };
  'bad-discriminator': { subject: Subject; key: string; found: FoundValue; options: string[] };
  'document-type': { expected: Expected[] };
  'missing-key': { subject: Subject; key: string; expected: Expected[] };
  'wrong-type': { subject: Subject; found: FoundValue; expected: Expected[] };
  'invalid-option': { subject: Subject; key: string; found: FoundValue; options: unknown[] };
  invalid: { subject: Subject; detail: string };
  'parameter-name': { name: string };
  'duplicate-id': { id: string; first: ListPlace; second: ListPlace };
  /** An object of the file names `key` twice; the second (at `at`) is the one JSON keeps. */
  'duplicate-key': { subject: Subject; key: string; at: TextLocation; first: TextLocation };
  // Values
  expression: { subject: Subject; problem: ExpressionProblem };
  'probability-range': { subject: Subject; value: number; expression: string | null };
  'negative-amount': { subject: Subject; value: number };
  'negative-fixed': { subject: Subject; value: number };
  'uniform-negative': { subject: Subject; min: number };
  'uniform-order': { subject: Subject; min: number; max: number };
  'triangular-negative': { subject: Subject; min: number };
  'triangular-empty': { subject: Subject; min: number; max: number };
  'triangular-mode': { subject: Subject; min: number; mode: number; max: number };
  'normal-sd': { subject: Subject; sd: number };
  'lognormal-sigma': { subject: Subject; sigma: number };
  'exponential-mean': { subject: Subject; mean: number };
  'observed-not-whole': { subject: Subject; successes: number; trials: number };
  'observed-negative': { subject: Subject; successes: number; trials: number };
  'observed-no-trials': { subject: Subject };
  'observed-too-many': { subject: Subject; successes: number; trials: number };
  // Structure
  'duplicate-node-id': { id: string };
  'duplicate-edge-id': { id: string };
  'edge-missing-node': { edge: string; end: 'source' | 'target'; node: string };
  'second-failure-edge': { node: NodeRef };
  'no-start': Record<string, never>;
  'several-starts': { count: number; ids: string[] };
  'no-success-end': Record<string, never>;
  'reliability-range': { node: NodeRef; value: number };
  'catch-range': { node: NodeRef; value: number };
  'failure-edge-not-step': { edge: string; from: NodeRef };
  'decision-edge-no-probability': { edge: string; from: NodeRef };
  'edge-probability-range': { edge: string; value: number };
  'probability-not-allowed': { edge: string };
  'incoming-count': { node: NodeRef; count: number; rule: EdgeRule };
  'outgoing-count': { node: NodeRef; count: number; rule: EdgeRule };
  'decision-sum': { node: NodeRef; sum: number };
  unreachable: { node: NodeRef };
  'loop-never-left': { node: NodeRef };
  'loop-without-end': { node: NodeRef };
  'no-end-reachable': { node: NodeRef };
  'loop-through-block': { node: NodeRef };
  /** A loop whose exact solve would need more work than allowed; `node` is on it. */
  'loop-too-interlinked': { node: NodeRef; states: number };
  'parallel-reentered': { parallel: NodeRef };
  'branch-returns': { parallel: NodeRef };
  'branch-escapes': { parallel: NodeRef; node: NodeRef };
  'no-join': { parallel: NodeRef };
  'several-joins': { parallel: NodeRef; joins: NodeRef[] };
  'join-shared': { first: NodeRef; second: NodeRef; join: NodeRef };
  'join-without-parallel': { join: NodeRef };
  'branches-merge': { parallel: NodeRef; node: NodeRef };
  'block-entered': { edge: string; parallel: NodeRef };
  'join-threshold': { join: NodeRef; k: number; branches: number };
  // Scenarios
  'baseline-scenario-id': { id: string };
  'duplicate-scenario-id': { id: string; first: number; second: number };
  'missing-change-target': {
    scenario: string;
    change: number;
    missing: { kind: 'node' | 'edge' | 'parameter'; id: string };
  };
  'in-scenario': { scenario: string; inner: DiagnosticDetail };
  'missing-option-target': {
    option: string;
    change: number;
    missing: { kind: 'node' | 'edge' | 'parameter'; id: string };
  };
  /** A problem the changes of option `option` would make in the blueprint. */
  'in-option': { option: string; inner: DiagnosticDetail };
  /** Two options (by position, from 1) share the id `id`. */
  'duplicate-option-id': { id: string; first: number; second: number };
  /** A count, an amount of money or a number of years of the economics or of an option. */
  'economics-negative': { subject: Subject; value: number };
  /** A share of the economics outside 0–1. */
  'economics-share': { subject: Subject; value: number };
  /** Scenario `scenario` lists option `option`, which the blueprint does not have. */
  'missing-option': { scenario: string; option: string };
  /**
   * Scenario `scenario` lists options `first` and `second`, which both change `field` of the
   * node or edge `target` (or both the parameter `target`, with `field` null).
   */
  'conflicting-options': {
    scenario: string;
    first: string;
    second: string;
    target: { kind: 'node' | 'edge' | 'parameter'; id: string };
    field: string | null;
  };
  /** Problems of code `code` found beyond those listed, counted rather than spelled out. */
  'more-problems': { code: DiagnosticCode; count: number };
}

/** The sentence keys of the catalogue. */
export type MessageKey = keyof MessageParams;

/** A sentence key with its parameters, checked together. */
export type DiagnosticDetail = {
  [K in MessageKey]: { key: K; params: MessageParams[K] };
}[MessageKey];

export type { ExpressionProblem, ForbiddenConstruct };
