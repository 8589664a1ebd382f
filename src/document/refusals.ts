/**
 * The catalogue of refused edits. A command that cannot do what was asked answers with a
 * {@link Refusal}: a stable code and the values its sentence needs (a node's name, a parameter).
 * The sentence itself is written by whoever shows it, in the user's language; tests assert codes.
 */
export const REFUSALS = {
  ED001: 'node-missing',
  ED002: 'edge-missing',
  ED003: 'field-not-for-type',
  ED004: 'join-k-invalid',
  ED005: 'connect-to-self',
  ED006: 'connect-from-end',
  ED007: 'connect-to-start',
  ED008: 'connect-duplicate',
  ED009: 'failure-edge-not-from-step',
  ED010: 'failure-edge-exists',
  ED011: 'second-out-edge',
  ED012: 'step-second-out-edge',
  ED013: 'second-start',
  ED014: 'probability-not-on-decision-edge',
  ED015: 'nothing-to-paste',
  ED016: 'parameter-name-invalid',
  ED017: 'parameter-exists',
  ED018: 'parameter-missing',
  ED019: 'parameter-in-use',
  ED020: 'scenario-exists',
  ED021: 'scenario-missing',
  ED022: 'what-if-cannot-clear',
  ED023: 'type-change-not-allowed',
  ED024: 'type-change-failure-edge',
  ED025: 'type-change-branches',
  ED026: 'economics-exist',
  ED027: 'economics-missing',
  ED028: 'economics-field-required',
  ED029: 'economics-value-out-of-range',
  ED030: 'option-missing',
  ED031: 'option-id-invalid',
  ED032: 'option-exists',
  ED033: 'options-conflict',
} as const;

export type RefusalCode = keyof typeof REFUSALS;

/** Why an edit was not made: a code and the values its sentence names. */
export interface Refusal {
  code: RefusalCode;
  params?: Readonly<Record<string, string | number>>;
}

/** A refusal with the values its sentence needs. */
export function refuse(code: RefusalCode, params?: Record<string, string | number>): Refusal {
  return params === undefined ? { code } : { code, params };
}

export function isRefusal(result: unknown): result is Refusal {
  return (
    typeof result === 'object' &&
    result !== null &&
    'code' in result &&
    typeof (result as { code: unknown }).code === 'string' &&
    (result as { code: string }).code in REFUSALS
  );
}

/** `ED008 connect-duplicate` */
export function refusalName(code: RefusalCode): string {
  return `${code} ${REFUSALS[code]}`;
}
