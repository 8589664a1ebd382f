/**
 * Messages whose key is only known at run time (a refusal, a notice, a validation problem), and
 * the sentences of the document room's coded refusals.
 */
import { isRefusal, type Refusal, type RefusalCode } from '../../document/refusals';
import type { NodeFieldKey } from '../../sim/document';
import type { MessageKey, Translate } from '../i18n';
import { FIELD_LABELS } from '../inspector/fieldLabels';

/** A message key with its variables, as refusals, notices and field problems carry them. */
export interface MessageRef {
  key: MessageKey;
  vars?: Record<string, string | number>;
  /** Variables that are themselves messages, translated before they are put in. */
  parts?: Record<string, MessageRef>;
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

/**
 * What two conflicting options both change, as a phrase of the interface: a node's field by the
 * inspector's name for it, an edge's probability, or a parameter.
 */
function conflictTarget(params: Readonly<Record<string, string | number>>): MessageRef {
  const target = String(params.target);
  if (params.targetKind === 'edge') return { key: 'economics.conflictEdge', vars: { target } };
  if (params.targetKind === 'parameter') {
    return { key: 'economics.conflictParameter', vars: { target } };
  }
  const label = FIELD_LABELS[params.field as NodeFieldKey] ?? 'economics.conflictSomeField';
  return { key: 'economics.conflictNodeField', vars: { target }, parts: { field: { key: label } } };
}

/** A refused edit as a message of the interface. */
export function refusalMessage(refusal: Refusal): MessageRef {
  const key = REFUSAL_MESSAGES[refusal.code];
  if (refusal.params === undefined) return { key };
  if (refusal.code === 'ED033') {
    return { key, vars: { ...refusal.params }, parts: { what: conflictTarget(refusal.params) } };
  }
  return { key, vars: { ...refusal.params } };
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
  message: {
    key: string;
    vars?: Readonly<Record<string, string | number>>;
    parts?: Readonly<Record<string, MessageRef>>;
  },
): string {
  const parts = Object.entries(message.parts ?? {});
  const vars =
    parts.length === 0
      ? message.vars
      : {
          ...message.vars,
          ...Object.fromEntries(parts.map(([name, part]) => [name, translateMessage(t, part)])),
        };
  return (t as (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string)(
    message.key as MessageKey,
    vars,
  );
}
