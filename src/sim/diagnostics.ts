/**
 * The catalogue of blueprint problems. Each has a stable code that tests, the command line
 * and the app rely on; messages are sentences written for a process designer and name the
 * node, edge, parameter or scenario concerned.
 */
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
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

/** What a problem is attached to, so the app can focus it and the CLI can name it. */
export type DiagnosticTarget =
  | { kind: 'document' }
  | { kind: 'node'; id: string }
  | { kind: 'edge'; id: string }
  | { kind: 'parameter'; name: string }
  | { kind: 'scenario'; id: string };

export interface Diagnostic {
  code: DiagnosticCode;
  /** A full sentence naming what is wrong and where. */
  message: string;
  target: DiagnosticTarget;
  /** JSON path of the offending value in the file, when known (e.g. `nodes[3].reliability`). */
  path?: string;
}

export function diagnostic(
  code: DiagnosticCode,
  message: string,
  target: DiagnosticTarget = { kind: 'document' },
  path?: string,
): Diagnostic {
  return path === undefined ? { code, message, target } : { code, message, target, path };
}

/** `BP012 probabilities-do-not-sum-to-one` */
export function diagnosticName(code: DiagnosticCode): string {
  return `${code} ${DIAGNOSTICS[code]}`;
}
