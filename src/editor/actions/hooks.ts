/**
 * Hooks for toolbars and menus built from the registry.
 */
import { useCallback } from 'react';
import { redoLabel, undoLabel } from '../../document/history';
import type { MessageKey } from '../i18n';
import { useBlueprintStore } from '../store/blueprint';
import { actionById, checkAction, runStandaloneAction } from './registry';
import { formatShortcut } from './shortcuts';
import type { ActionId, ActionOutcome } from './types';

/**
 * The name of the command the next Undo (or Redo) takes back, as a label key (`Save scenario`),
 * or null when there is nothing to undo (redo).
 */
export function useHistoryLabel(direction: 'undo' | 'redo'): MessageKey | null {
  const label = useBlueprintStore((state) =>
    direction === 'undo' ? undoLabel(state) : redoLabel(state),
  );
  return label === null ? null : actionById(label as ActionId).labelKey;
}

/** Whether a standalone action can run now; re-renders only when that answer changes. */
export function useActionEnabled(id: ActionId): boolean {
  return useBlueprintStore(
    (state) => (checkAction as (id: ActionId, s: typeof state) => unknown)(id, state) === true,
  );
}

/**
 * Everything a button needs for a standalone action: whether it is enabled, its label key, its
 * first shortcut as text (for the tooltip) and a stable function that runs it.
 *
 * @example
 * const undo = useActionState('undo');
 * <button disabled={!undo.enabled} onClick={undo.run} aria-keyshortcuts={undo.ariaKeys}>{t(undo.labelKey)}</button>
 */
export function useActionState(id: ActionId): {
  enabled: boolean;
  labelKey: ReturnType<typeof actionById>['labelKey'];
  shortcut: string | null;
  /** The shortcuts in the `aria-keyshortcuts` format (`Control+Z Meta+Z`). */
  ariaKeys: string | undefined;
  run: () => ActionOutcome | Promise<ActionOutcome>;
} {
  const enabled = useActionEnabled(id);
  const definition = actionById(id);
  const run = useCallback(() => runStandaloneAction(id), [id]);
  const first = definition.shortcuts[0];
  return {
    enabled,
    labelKey: definition.labelKey,
    shortcut: first ? formatShortcut(first) : null,
    ariaKeys: ariaKeyShortcuts(definition.shortcuts),
    run,
  };
}

function ariaKeyShortcuts(
  shortcuts: readonly { key: string; mod?: boolean; shift?: boolean; alt?: boolean }[],
): string | undefined {
  if (shortcuts.length === 0) return undefined;
  const forms: string[] = [];
  for (const s of shortcuts) {
    const key = s.key.length === 1 ? s.key.toUpperCase() : s.key;
    const rest = [s.alt && 'Alt', s.shift && 'Shift', key].filter(Boolean).join('+');
    if (s.mod) forms.push(`Control+${rest}`, `Meta+${rest}`);
    else forms.push(rest);
  }
  return forms.join(' ');
}
