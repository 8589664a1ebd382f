/**
 * The shape every language's diagnostic catalogue has. Each language gives a sentence for every
 * message key (a missing key is a compile error), and a sentence can read only the parameters
 * its key declares in {@link MessageParams}.
 */
import type {
  DiagnosticDetail,
  ExpressionProblem,
  ForbiddenConstruct,
  MessageKey,
  MessageParams,
} from './params';

/** One sentence builder per message key. */
export type Sentences = { [K in MessageKey]: (params: MessageParams[K]) => string };

/** One language's diagnostic catalogue. */
export interface Catalogue {
  /** The full sentence of a problem. */
  sentence(detail: DiagnosticDetail): string;
  /** What an expression contains that it may not, in a few words. */
  construct(construct: ForbiddenConstruct): string;
  /** An expression problem as the end of a sentence, to follow its subject. */
  expressionProblem(problem: ExpressionProblem): string;
  /** What a parser or evaluation error says, as far as this language can tell it. */
  expressionDetail(problem: Extract<ExpressionProblem, { detail: string }>): string;
}
