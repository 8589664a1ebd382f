/**
 * The editor's actions: one registry for every edit and command, the shortcuts built from it,
 * and the pure document operations behind them.
 */
export { actions, actionById, checkAction, runAction, runStandaloneAction } from './registry';
export {
  actionForKey,
  formatShortcut,
  isMacPlatform,
  matchesShortcut,
  shortcutList,
  useShortcuts,
} from './shortcuts';
export { useActionEnabled, useActionState } from './hooks';
export { registerViewController, type ViewController } from './view';
export type {
  ActionArgs,
  ActionDefinition,
  ActionGroup,
  ActionId,
  ActionOutcome,
  ActionParams,
  AnyActionDefinition,
  Shortcut,
  UndoPolicy,
  WhatIfPolicy,
} from './types';
export type {
  AddNodeParams,
  ConnectParams,
  NodeField,
  NodeFieldEdit,
  Transition,
} from '../../document/commands';
