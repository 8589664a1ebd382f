/**
 * Messages whose key is only known at run time (a refusal, a notice, a validation problem), and
 * the sentences of the document room's coded refusals.
 */
import { isRefusal, type Refusal, type RefusalCode } from '../../document/refusals';
import type { MessageKey, Translate } from '../i18n';

/** A message key with its variables, as refusals, notices and field problems carry them. */
export interface MessageRef {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

/** The editor's sentence for each refused edit of the document room. */
const REFUSAL_MESSAGES: Readonly<Record<RefusalCode, MessageKey>> = {
  ED001: 'editing.notice.nodeMissing',
  ED002: 'editing.notice.edgeMissing',
  ED003: 'editing.notice.fieldNotForType',
  ED004: 'editing.notice.kInvalid',
  ED005: 'editing.notice.connectSelf',
  ED006: 'editing.notice.connectFromEnd',
  ED007: 'editing.notice.connectToStart',
  ED008: 'editing.notice.connectDuplicate',
  ED009: 'editing.notice.failureEdgeNotFromStep',
  ED010: 'editing.notice.failureEdgeExists',
  ED011: 'editing.notice.secondOut',
  ED012: 'editing.notice.stepSecondOut',
  ED013: 'editing.notice.secondStart',
  ED014: 'editing.notice.probabilityNotDecision',
  ED015: 'editing.notice.nothingToPaste',
  ED016: 'editing.notice.parameterNameInvalid',
  ED017: 'editing.notice.parameterExists',
  ED018: 'editing.notice.parameterMissing',
  ED019: 'editing.notice.parameterInUse',
  ED020: 'editing.notice.scenarioExists',
  ED021: 'editing.notice.scenarioMissing',
  ED022: 'editing.notice.whatIfCannotClear',
  ED023: 'editing.notice.typeChangeNotAllowed',
  ED024: 'editing.notice.typeChangeFailureEdge',
  ED025: 'editing.notice.typeChangeBranches',
  ED026: 'economics.refuseEconomicsExist',
  ED027: 'economics.refuseEconomicsMissing',
  ED028: 'economics.refuseFieldRequired',
  ED029: 'economics.refuseValueOutOfRange',
  ED030: 'economics.refuseOptionMissing',
  ED031: 'economics.refuseOptionIdInvalid',
  ED032: 'economics.refuseOptionExists',
  ED033: 'economics.refuseOptionsConflict',
};

/** A refused edit as a message of the interface. */
export function refusalMessage(refusal: Refusal): MessageRef {
  const key = REFUSAL_MESSAGES[refusal.code];
  return refusal.params === undefined ? { key } : { key, vars: { ...refusal.params } };
}

/** A refusal from the document room or a message of the editor's own, as a message. */
export function toMessage(reason: Refusal | MessageRef): MessageRef {
  return isRefusal(reason) ? refusalMessage(reason) : reason;
}

/**
 * Translates a message chosen at run time. `t` checks variables against each key statically;
 * a key held in a variable cannot be checked that way, so the variables are passed through.
 */
export function translateMessage(
  t: Translate,
  message: { key: string; vars?: Readonly<Record<string, string | number>> },
): string {
  return (t as (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string)(
    message.key as MessageKey,
    message.vars,
  );
}
