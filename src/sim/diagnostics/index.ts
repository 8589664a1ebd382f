/**
 * The catalogue of blueprint problems. Each has a stable code that tests, the command line
 * and the app rely on. A problem is recorded as a code, a message key and the values it names
 * (node or edge id and label, numbers); its sentence comes from the message catalogue of the
 * reader's language ({@link diagnosticSentence}), so the engine never hands out finished text
 * in one language only. `Diagnostic.message` keeps the English sentence for logs and tests.
 */
import { expressionProblemCode } from '../expression-rules';
import type { Catalogue } from './catalogue';
import { en } from './en';
import type { DiagnosticDetail, MessageKey, MessageParams } from './params';

export type * from './params';

export const DIAGNOSTICS = {
  BP001: 'not-json',
  BP002: 'wrong-format',
  BP003: 'unsupported-version',
  BP004: 'unknown-key',
  BP005: 'invalid-value',
  BP006: 'duplicate-id',
  BP007: 'edge-to-missing-node',
  BP008: 'start-count',
  BP009: 'no-success-end',
  BP010: 'wrong-edge-count',
  BP011: 'probability-out-of-range',
  BP012: 'probabilities-do-not-sum-to-one',
  BP013: 'unknown-parameter',
  BP014: 'forbidden-expression',
  BP015: 'invalid-expression',
  BP016: 'unreachable-node',
  BP017: 'no-end-reachable',
  BP018: 'inescapable-loop',
  BP019: 'unmatched-parallel',
  BP020: 'block-boundary-crossed',
  BP021: 'join-k-out-of-range',
  BP022: 'branches-merge',
  BP023: 'scenario-target-missing',
  BP024: 'field-not-allowed',
  BP025: 'invalid-distribution',
  BP026: 'invalid-observed-data',
  BP027: 'duplicate-key',
  BP028: 'beyond-exact-analysis',
  BP029: 'invalid-economics',
  BP030: 'unknown-option',
  BP031: 'conflicting-options',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

/** The languages diagnostics are written in. */
export const DIAGNOSTIC_LANGUAGES = ['en', 'zh'] as const;
export type DiagnosticLanguage = (typeof DIAGNOSTIC_LANGUAGES)[number];

/** What a problem is attached to, so the app can focus it and the CLI can name it. */
export type DiagnosticTarget =
  | { kind: 'document' }
  | { kind: 'node'; id: string }
  | { kind: 'edge'; id: string }
  | { kind: 'parameter'; name: string }
  | { kind: 'scenario'; id: string }
  | { kind: 'option'; id: string };

export interface Diagnostic {
  code: DiagnosticCode;
  /** The sentence in English, naming what is wrong and where. */
  message: string;
  /** Which sentence of the catalogue describes the problem. */
  key: MessageKey;
  /** The values the sentence names; their shape is {@link MessageParams}`[key]`. */
  params: MessageParams[MessageKey];
  target: DiagnosticTarget;
  /** JSON path of the offending value in the file, when known (e.g. `nodes[3].reliability`). */
  path?: string;
}

/** Sentences whose code depends on their parameters (see {@link diagnosticCodeOf}). */
type SentencesCodedByTheirParameters = 'expression' | 'in-scenario' | 'in-option' | 'more-problems';

/**
 * The code each sentence reports. An expression problem takes the code of its kind, and a
 * problem found in a scenario keeps the code of the problem inside it.
 */
const MESSAGE_CODES: {
  [K in Exclude<MessageKey, SentencesCodedByTheirParameters>]: DiagnosticCode;
} = {
  'check-failed': 'BP005',
  'not-json': 'BP001',
  'not-text': 'BP001',
  'not-an-object': 'BP002',
  'no-format': 'BP002',
  'wrong-format': 'BP002',
  'no-version': 'BP003',
  'bad-version': 'BP003',
  'too-new': 'BP003',
  'unknown-key': 'BP004',
  'field-for-other-types': 'BP024',
  'missing-discriminator': 'BP005',
  'bad-discriminator': 'BP005',
  'document-type': 'BP005',
  'missing-key': 'BP005',
  'wrong-type': 'BP005',
  'invalid-option': 'BP005',
  invalid: 'BP005',
  'parameter-name': 'BP005',
  'duplicate-id': 'BP006',
  'duplicate-key': 'BP027',
  'probability-range': 'BP011',
  'negative-amount': 'BP025',
  'negative-fixed': 'BP025',
  'uniform-negative': 'BP025',
  'uniform-order': 'BP025',
  'triangular-negative': 'BP025',
  'triangular-empty': 'BP025',
  'triangular-mode': 'BP025',
  'normal-sd': 'BP025',
  'lognormal-sigma': 'BP025',
  'exponential-mean': 'BP025',
  'observed-not-whole': 'BP026',
  'observed-negative': 'BP026',
  'observed-no-trials': 'BP026',
  'observed-too-many': 'BP026',
  'duplicate-node-id': 'BP006',
  'duplicate-edge-id': 'BP006',
  'edge-missing-node': 'BP007',
  'second-failure-edge': 'BP010',
  'no-start': 'BP008',
  'several-starts': 'BP008',
  'no-success-end': 'BP009',
  'reliability-range': 'BP011',
  'catch-range': 'BP011',
  'failure-edge-not-step': 'BP024',
  'decision-edge-no-probability': 'BP005',
  'edge-probability-range': 'BP011',
  'probability-not-allowed': 'BP024',
  'incoming-count': 'BP010',
  'outgoing-count': 'BP010',
  'decision-sum': 'BP012',
  unreachable: 'BP016',
  'loop-never-left': 'BP018',
  'loop-without-end': 'BP018',
  'no-end-reachable': 'BP017',
  'loop-through-block': 'BP018',
  'loop-too-interlinked': 'BP028',
  'parallel-reentered': 'BP020',
  'branch-returns': 'BP020',
  'branch-escapes': 'BP020',
  'no-join': 'BP019',
  'several-joins': 'BP019',
  'join-shared': 'BP019',
  'join-without-parallel': 'BP019',
  'branches-merge': 'BP022',
  'block-entered': 'BP020',
  'join-threshold': 'BP021',
  'baseline-scenario-id': 'BP006',
  'duplicate-scenario-id': 'BP006',
  'missing-change-target': 'BP023',
  'missing-option-target': 'BP023',
  'duplicate-option-id': 'BP006',
  'economics-negative': 'BP029',
  'economics-share': 'BP029',
  'missing-option': 'BP030',
  'conflicting-options': 'BP031',
};

/** The code a sentence with these parameters reports. */
export function diagnosticCodeOf(detail: DiagnosticDetail): DiagnosticCode {
  switch (detail.key) {
    case 'expression':
      return expressionProblemCode(detail.params.problem);
    case 'in-scenario':
    case 'in-option':
      return diagnosticCodeOf(detail.params.inner);
    case 'more-problems':
      return detail.params.code;
    default:
      return MESSAGE_CODES[detail.key];
  }
}

/**
 * Records a problem: its sentence key and values, the code they report, and the English
 * sentence.
 *
 * @example
 * diagnostic('unreachable', { node: { id: 's2', type: 'step' } }, { kind: 'node', id: 's2' })
 * // → { code: 'BP016', key: 'unreachable', message: 'No customer can ever reach step "s2": …' }
 */
export function diagnostic<K extends MessageKey>(
  key: K,
  params: MessageParams[K],
  target: DiagnosticTarget = { kind: 'document' },
  path?: string,
): Diagnostic {
  const detail = { key, params } as DiagnosticDetail;
  const made: Diagnostic = {
    code: diagnosticCodeOf(detail),
    message: en.sentence(detail),
    key,
    params,
    target,
  };
  if (path !== undefined) made.path = path;
  return made;
}

/** The sentence key and values of a problem, to render or to wrap in another sentence. */
export function diagnosticDetail(problem: Diagnostic): DiagnosticDetail {
  return { key: problem.key, params: problem.params } as DiagnosticDetail;
}

/**
 * The catalogues at hand. English is always here (it writes `Diagnostic.message`); another
 * language arrives with `loadDiagnosticLanguage` (`./load-language`), or at once by importing
 * `./every-language`, so an app showing English does not carry the other sentences.
 */
const CATALOGUES: { [L in DiagnosticLanguage]?: Catalogue } = { en };

/** Makes a language's catalogue available to the sentence functions below. */
export function registerDiagnosticLanguage(language: DiagnosticLanguage, catalogue: Catalogue) {
  CATALOGUES[language] = catalogue;
}

/** Whether a language's sentences can be written now. */
export function diagnosticLanguageLoaded(language: DiagnosticLanguage): boolean {
  return CATALOGUES[language] !== undefined;
}

function catalogue(language: DiagnosticLanguage): Catalogue {
  const found = CATALOGUES[language];
  if (!found) {
    throw new Error(
      `The problem sentences in "${language}" are not loaded yet: load them first (loadDiagnosticLanguage).`,
    );
  }
  return found;
}

/**
 * A problem's sentence in a language, from the catalogue: node named by type, label and id,
 * numbers written plainly.
 *
 * @example
 * diagnosticSentence(problem, 'zh') // → '顾客永远无法到达步骤“s2”：从开始节点没有通往它的路径。'
 */
export function diagnosticSentence(problem: Diagnostic, language: DiagnosticLanguage): string {
  return catalogue(language).sentence(diagnosticDetail(problem));
}

/** The phrase for something an expression may not contain (e.g. `the function sin()`). */
export function forbiddenConstructPhrase(
  construct: Parameters<typeof en.construct>[0],
  language: DiagnosticLanguage = 'en',
): string {
  return catalogue(language).construct(construct);
}

/**
 * A parser's or evaluation's explanation of an expression problem in a language: as it is in
 * English, reduced to what can be said without it (the position of the error) in Chinese.
 */
export function expressionProblemDetail(
  problem: Parameters<typeof en.expressionDetail>[0],
  language: DiagnosticLanguage,
): string {
  return catalogue(language).expressionDetail(problem);
}

/** `BP012 probabilities-do-not-sum-to-one` */
export function diagnosticName(code: DiagnosticCode): string {
  return `${code} ${DIAGNOSTICS[code]}`;
}
