/**
 * Messages whose key is only known at run time (a refusal, a notice, a validation problem).
 */
import type { MessageKey, Translate } from '../i18n';

/** A message key with its variables, as refusals, notices and field problems carry them. */
export interface MessageRef {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

/**
 * Translates a message chosen at run time. `t` checks variables against each key statically;
 * a key held in a variable cannot be checked that way, so the variables are passed through.
 */
export function translateMessage(t: Translate, message: MessageRef): string {
  return (t as (key: MessageKey, vars?: Record<string, string | number>) => string)(
    message.key,
    message.vars,
  );
}
