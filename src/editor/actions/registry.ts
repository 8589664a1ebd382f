/**
 * The registry of actions. Every edit of the blueprint, every clipboard, history and view
 * command is registered here once, with its label, shortcuts and undo policy; the toolbar, the
 * menus, the keyboard shortcuts and the help dialog are all built from {@link actions}, and
 * {@link runAction} is the one way to run any of them.
 */
import * as ops from '../../document/commands';
import * as money from '../../document/economics';
import { setScenarioOptions } from '../../document/scenario-options';
import { withPositions } from '../../document/layout';
import { isRefusal } from '../../document/refusals';
import { EMPTY_SELECTION } from '../../document/selection';
import { nodeName } from '../../document/values';
import type { NodeSpec } from '../../sim/document';
import type { NodeType } from '../../sim/model';
import type { Position } from '../../sim/document';
// The one name an action writes into the document by itself (a new what-if scenario) is in
// the interface's language.
import { getLanguage, translator, type MessageKey } from '../i18n';
import { layoutEngine } from '../layout';
import { startConnecting, startLabelEdit } from '../store/canvasModes';
import { openFind } from '../shell/findState';
import { appMode, editingAllowed, setAppMode } from '../shell/modeState';
import { loadDocument } from '../store/load';
import {
  commitDocument,
  discardLastStep,
  redo,
  requestFitView,
  setClipboard,
  setSelection,
  setWhatIfScenario,
  showNotice,
  undo,
  useBlueprintStore,
  type BlueprintState,
} from '../store/blueprint';
import { fileController, type ExportKind } from './files';
import { shellController } from './shell';
import { openLibraryDialog } from '../library/dialogState';
import { enterPresenting } from '../present/enter';
import { copyBlueprintLink } from '../links/copyLink';
import { openReport } from '../report/reportState';
import { toMessage, type MessageRef } from './messages';
import type {
  ActionArgs,
  ActionDefinition,
  ActionEffect,
  ActionGroup,
  ActionId,
  ActionOutcome,
  ActionParams,
  ActionRefusal,
  AnyActionDefinition,
  BatchStep,
  WhatIfPolicy,
} from './types';
import { viewController } from './view';

const ok = (): true => true;

function whatIfOn(state: BlueprintState): boolean {
  return state.whatIfScenarioId !== null;
}

const WHAT_IF_STRUCTURE: MessageRef = { key: 'editing.notice.whatIfStructure' };

function hasSelection(state: BlueprintState): true | MessageRef {
  return state.selection.nodes.size > 0 || state.selection.edges.size > 0
    ? true
    : { key: 'editing.notice.nothingSelected' };
}

function toMap(
  positions: ReadonlyMap<string, Position> | Readonly<Record<string, Position>>,
): ReadonlyMap<string, Position> {
  return positions instanceof Map
    ? positions
    : new Map(Object.entries(positions as Record<string, Position>));
}

/** The one selected node (and nothing else selected), which the context pad acts on. */
function selectedNode(state: BlueprintState): NodeSpec | MessageRef {
  if (state.selection.nodes.size !== 1 || state.selection.edges.size !== 0) {
    return { key: 'editing.notice.selectOneNode' };
  }
  const [id] = state.selection.nodes;
  return state.document.nodes.find((n) => n.id === id) ?? { key: 'editing.notice.selectOneNode' };
}

function isNode(value: NodeSpec | MessageRef): value is NodeSpec {
  return 'type' in value;
}

/** Adds a node of `type` after the selected one, spliced into its way out when it has one. */
function appendCommand<K extends 'appendStep' | 'appendDecision' | 'appendEnd'>(
  id: K,
  type: NodeType,
  key: string,
): ActionDefinition<K> {
  return {
    id,
    labelKey: actionLabel(id),
    shortcuts: [{ key }],
    undo: 'record',
    whatIf: 'blocked',
    group: 'edit',
    standalone: true,
    canExecute: (state) => {
      const node = selectedNode(state);
      return isNode(node) ? ops.canAppendAfter(state.document, node.id, type) : node;
    },
    execute: (state) => {
      const node = selectedNode(state) as NodeSpec;
      return ops.addNode(state.document, { type, after: node.id });
    },
  };
}

/** Pastes land this far further down and right each time the same clipboard is pasted. */
const PASTE_OFFSET = 40;

function define<K extends ActionId>(definition: ActionDefinition<K>): ActionDefinition<K> {
  return definition;
}

const NO_FILES: MessageRef = { key: 'editing.notice.filesUnavailable' };

/** A file command: it acts on files through the shell's controller and never changes history. */
function fileCommand<K extends 'newBlueprint' | 'openBlueprint' | 'saveBlueprint'>(
  id: K,
  labelKey: ActionDefinition<K>['labelKey'],
  shortcuts: ActionDefinition<K>['shortcuts'],
  run: (files: NonNullable<ReturnType<typeof fileController>>) => void,
): ActionDefinition<K> {
  return {
    id,
    labelKey,
    shortcuts,
    undo: 'none',
    whatIf: 'allowed',
    group: 'file',
    standalone: true,
    canExecute: () => (fileController() ? true : NO_FILES),
    execute: () => {
      const files = fileController();
      if (files) run(files);
    },
  };
}

function exportCommand<
  K extends 'exportPng' | 'exportSvg' | 'exportBpmn' | 'exportStepsCsv' | 'exportScenariosCsv',
>(id: K, labelKey: ActionDefinition<K>['labelKey'], kind: ExportKind): ActionDefinition<K> {
  return {
    id,
    labelKey,
    shortcuts: [],
    undo: 'none',
    whatIf: 'allowed',
    group: 'file',
    standalone: true,
    canExecute: () => {
      const files = fileController();
      if (!files) return NO_FILES;
      return files.canExport(kind) ? true : { key: 'editing.notice.nothingToExport' };
    },
    execute: () => fileController()?.export(kind),
  };
}

/**
 * A recording command of the document room as an action: no shortcut, run with parameters, one
 * undo step, its label `editing.action.<id>`.
 */
function command<K extends ActionId>(
  id: K,
  group: ActionGroup,
  whatIf: WhatIfPolicy,
  execute: ActionDefinition<K>['execute'],
  canExecute: ActionDefinition<K>['canExecute'] = ok,
): ActionDefinition<K> {
  return {
    id,
    labelKey: actionLabel(id),
    shortcuts: [],
    undo: 'record',
    whatIf,
    group,
    standalone: false,
    canExecute,
    execute,
  };
}

/** Every action's label is `editing.action.<id>`; the check below makes a missing one an error. */
function actionLabel(id: ActionId): MessageKey {
  return `editing.action.${id}` as MessageKey;
}
const everyActionLabelled: `editing.action.${ActionId}` extends MessageKey ? true : never = true;
void everyActionLabelled;

const definitions: { [K in ActionId]: ActionDefinition<K> } = {
  // --- History ------------------------------------------------------------------------------
  undo: define({
    id: 'undo',
    labelKey: 'editing.action.undo',
    shortcuts: [{ key: 'z', mod: true }],
    undo: 'history',
    whatIf: 'allowed',
    group: 'history',
    standalone: true,
    canExecute: (state) => (state.past.length > 0 ? true : { key: 'editing.notice.nothingToUndo' }),
    execute: () => {
      undo();
    },
  }),
  redo: define({
    id: 'redo',
    labelKey: 'editing.action.redo',
    shortcuts: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    undo: 'history',
    whatIf: 'allowed',
    group: 'history',
    standalone: true,
    canExecute: (state) =>
      state.future.length > 0 ? true : { key: 'editing.notice.nothingToRedo' },
    execute: () => {
      redo();
    },
  }),

  // --- Editing the graph ---------------------------------------------------------------------
  addNode: command('addNode', 'edit', 'blocked', (state, params) =>
    ops.addNode(state.document, params),
  ),
  deleteSelection: define({
    id: 'deleteSelection',
    labelKey: 'editing.action.deleteSelection',
    shortcuts: [{ key: 'Delete' }, { key: 'Backspace' }],
    undo: 'record',
    whatIf: 'blocked',
    group: 'edit',
    standalone: true,
    canExecute: hasSelection,
    execute: (state) =>
      ops.deleteElements(state.document, state.selection.nodes, state.selection.edges),
  }),
  deleteElements: command('deleteElements', 'edit', 'blocked', (state, params) =>
    ops.deleteElements(state.document, params.nodes ?? [], params.edges ?? []),
  ),
  connect: command(
    'connect',
    'edit',
    'blocked',
    (state, params) => ops.connect(state.document, params),
    (state, params) => ops.canConnect(state.document, params),
  ),
  setNodeField: command(
    'setNodeField',
    'edit',
    'scenario',
    (state, edit) => {
      if (state.whatIfScenarioId !== null && ops.isScenarioField(edit.field)) {
        return ops.recordNodeChange(
          state.document,
          state.whatIfScenarioId,
          edit.id,
          edit.field,
          edit.value,
        );
      }
      return ops.setNodeField(state.document, edit);
    },
    (state, edit) => {
      if (whatIfOn(state) && !ops.isScenarioField(edit.field)) return WHAT_IF_STRUCTURE;
      return ops.canSetNodeField(state.document, edit);
    },
  ),
  setEdgeProbability: command(
    'setEdgeProbability',
    'edit',
    'scenario',
    (state, { id, probability }) =>
      state.whatIfScenarioId === null
        ? ops.setEdgeProbability(state.document, id, probability)
        : ops.recordEdgeProbability(state.document, state.whatIfScenarioId, id, probability),
  ),
  setEdgeKind: command('setEdgeKind', 'edit', 'blocked', (state, { id, kind }) =>
    ops.setEdgeKind(state.document, id, kind),
  ),
  setEdgeText: command('setEdgeText', 'edit', 'blocked', (state, { id, field, value }) =>
    ops.setEdgeText(state.document, id, field, value),
  ),
  // Positions are layout, not part of what a scenario changes: moving stays possible.
  moveNodes: command('moveNodes', 'edit', 'allowed', (state, { positions }) =>
    ops.moveNodes(state.document, toMap(positions)),
  ),
  autoLayout: define({
    id: 'autoLayout',
    labelKey: 'editing.action.autoLayout',
    shortcuts: [{ key: 'l', mod: true, shift: true }],
    undo: 'record',
    whatIf: 'allowed',
    group: 'edit',
    standalone: true,
    canExecute: (state) =>
      state.document.nodes.length > 0 ? true : { key: 'editing.notice.nothingToLayOut' },
    execute: async (state) => {
      let positions: Map<string, Position>;
      try {
        positions = await layoutEngine().layout(state.document);
      } catch {
        return { key: 'editing.notice.layoutFailed' };
      }
      // Edits made while the layout engine worked are kept: only the positions it computed are applied.
      const current = useBlueprintStore.getState().document;
      return { document: withPositions(current, positions), fitView: true };
    },
  }),

  // --- Clipboard and selection ---------------------------------------------------------------
  copy: define({
    id: 'copy',
    labelKey: 'editing.action.copy',
    shortcuts: [{ key: 'c', mod: true }],
    undo: 'none',
    whatIf: 'allowed',
    group: 'clipboard',
    standalone: true,
    canExecute: (state) =>
      state.selection.nodes.size > 0 ? true : { key: 'editing.notice.nothingSelected' },
    execute: (state) => {
      const content = ops.copySelection(state.document, state.selection);
      setClipboard(content);
      if (content) {
        showNotice({ key: 'editing.notice.copied', vars: { count: content.nodes.length } }, 'info');
      }
    },
  }),
  cut: define({
    id: 'cut',
    labelKey: 'editing.action.cut',
    shortcuts: [{ key: 'x', mod: true }],
    undo: 'record',
    whatIf: 'blocked',
    group: 'clipboard',
    standalone: true,
    canExecute: (state) =>
      state.selection.nodes.size > 0 ? true : { key: 'editing.notice.nothingSelected' },
    execute: (state) => {
      setClipboard(ops.copySelection(state.document, state.selection));
      return ops.deleteElements(state.document, state.selection.nodes, state.selection.edges);
    },
  }),
  paste: define({
    id: 'paste',
    labelKey: 'editing.action.paste',
    shortcuts: [{ key: 'v', mod: true }],
    undo: 'record',
    whatIf: 'blocked',
    group: 'clipboard',
    standalone: true,
    canExecute: (state) =>
      state.clipboard && state.clipboard.nodes.length > 0
        ? true
        : { key: 'editing.notice.nothingToPaste' },
    execute: (state) => {
      const step = (state.pasteCount + 1) * PASTE_OFFSET;
      const result = ops.paste(state.document, state.clipboard!, { x: step, y: step });
      if (!isRefusal(result)) {
        useBlueprintStore.setState({ pasteCount: state.pasteCount + 1 });
      }
      return result;
    },
  }),
  selectAll: define({
    id: 'selectAll',
    labelKey: 'editing.action.selectAll',
    shortcuts: [{ key: 'a', mod: true }],
    undo: 'none',
    whatIf: 'allowed',
    group: 'clipboard',
    standalone: true,
    canExecute: ok,
    execute: (state) => {
      setSelection({
        nodes: new Set(state.document.nodes.map((n) => n.id)),
        edges: new Set(state.document.edges.map((e) => e.id)),
      });
    },
  }),
  clearSelection: define({
    id: 'clearSelection',
    labelKey: 'editing.action.clearSelection',
    shortcuts: [{ key: 'Escape' }],
    undo: 'none',
    whatIf: 'allowed',
    group: 'clipboard',
    standalone: true,
    canExecute: ok,
    execute: () => {
      setSelection(EMPTY_SELECTION);
    },
  }),

  // --- Blueprint properties and parameters ----------------------------------------------------
  setTitle: command('setTitle', 'blueprint', 'blocked', (state, { title }) =>
    ops.setDocumentText(state.document, 'title', title),
  ),
  setDescription: command('setDescription', 'blueprint', 'blocked', (state, { description }) =>
    ops.setDocumentText(state.document, 'description', description),
  ),
  setNotes: command('setNotes', 'blueprint', 'blocked', (state, { notes }) =>
    ops.setDocumentText(state.document, 'notes', notes),
  ),
  addParameter: define({
    id: 'addParameter',
    labelKey: 'editing.action.addParameter',
    shortcuts: [],
    undo: 'record',
    whatIf: 'blocked',
    group: 'blueprint',
    standalone: true,
    canExecute: ok,
    execute: (state, params) => ops.addParameter(state.document, params ?? {}),
  }),
  renameParameter: command('renameParameter', 'blueprint', 'blocked', (state, { name, newName }) =>
    ops.renameParameter(state.document, name, newName),
  ),
  setParameter: command(
    'setParameter',
    'blueprint',
    'scenario',
    (state, params) => {
      if (state.whatIfScenarioId !== null) {
        if (params.value === undefined) return { document: state.document };
        return ops.recordParameterChange(
          state.document,
          state.whatIfScenarioId,
          params.name,
          params.value,
        );
      }
      return ops.setParameter(state.document, params);
    },
    (state, params) => (whatIfOn(state) && params.label !== undefined ? WHAT_IF_STRUCTURE : true),
  ),
  removeParameter: command('removeParameter', 'blueprint', 'blocked', (state, { name }) =>
    ops.removeParameter(state.document, name),
  ),

  // --- Scenarios and what-if mode -------------------------------------------------------------
  createScenario: command('createScenario', 'scenario', 'allowed', (state, params) =>
    ops.createScenario(state.document, params),
  ),
  renameScenario: command('renameScenario', 'scenario', 'allowed', (state, { id, name }) =>
    ops.setScenarioText(state.document, id, 'name', name),
  ),
  setScenarioDescription: command(
    'setScenarioDescription',
    'scenario',
    'allowed',
    (state, { id, description }) =>
      ops.setScenarioText(state.document, id, 'description', description),
  ),
  deleteScenario: command('deleteScenario', 'scenario', 'allowed', (state, { id }) =>
    ops.deleteScenario(state.document, id),
  ),
  setScenarioChanges: command(
    'setScenarioChanges',
    'scenario',
    'allowed',
    (state, { id, changes }) => ops.setScenarioChanges(state.document, id, changes),
  ),
  applyScenarioToBaseline: command(
    'applyScenarioToBaseline',
    'scenario',
    'allowed',
    (state, { id }) => ops.applyScenarioToBaseline(state.document, id),
  ),
  saveScenario: command('saveScenario', 'scenario', 'allowed', (state, params) =>
    ops.saveScenario(state.document, params),
  ),
  resetScenarioField: command(
    'resetScenarioField',
    'scenario',
    'allowed',
    (state, { scenarioId, target }) => ops.resetScenarioField(state.document, scenarioId, target),
  ),
  setScenarioOptions: command(
    'setScenarioOptions',
    'scenario',
    'allowed',
    (state, { id, options }) => setScenarioOptions(state.document, id, options),
  ),

  // --- Money: economics and improvement options (SPEC §9) --------------------------------------
  addEconomics: define({
    id: 'addEconomics',
    labelKey: 'editing.action.addEconomics',
    shortcuts: [],
    undo: 'record',
    whatIf: 'blocked',
    group: 'blueprint',
    standalone: true,
    canExecute: (state) => (state.document.economics ? { code: 'ED026' } : true),
    execute: (state) => money.addEconomics(state.document),
  }),
  removeEconomics: command('removeEconomics', 'blueprint', 'blocked', (state) =>
    money.removeEconomics(state.document),
  ),
  setEconomicsCurrency: command(
    'setEconomicsCurrency',
    'blueprint',
    'blocked',
    (state, { currency }) => money.setEconomicsCurrency(state.document, currency),
  ),
  setEconomicsField: command('setEconomicsField', 'blueprint', 'blocked', (state, { key, value }) =>
    money.setEconomicsField(state.document, key, value),
  ),
  setCustomerValueForm: command('setCustomerValueForm', 'blueprint', 'blocked', (state, { form }) =>
    money.setCustomerValueForm(state.document, form),
  ),
  saveOption: command('saveOption', 'blueprint', 'blocked', (state, params) =>
    money.saveOption(state.document, params),
  ),
  deleteOption: command('deleteOption', 'blueprint', 'blocked', (state, { id }) =>
    money.deleteOption(state.document, id),
  ),
  toggleWhatIf: define({
    id: 'toggleWhatIf',
    labelKey: 'editing.action.toggleWhatIf',
    shortcuts: [],
    // Records a step only when it has to create the scenario to record into.
    undo: 'record',
    whatIf: 'allowed',
    group: 'scenario',
    standalone: true,
    canExecute: ok,
    execute: (state): ActionEffect => {
      if (state.whatIfScenarioId !== null) {
        const id = state.whatIfScenarioId;
        setWhatIfScenario(null);
        // Toggled on and off without an edit: the scenario made to record into is taken back
        // with the step that made it, so no empty scenario is left behind.
        const scenario = state.document.scenarios?.find((s) => s.id === id);
        if (scenario && scenario.changes.length === 0) {
          discardLastStep('toggleWhatIf', (before) => !before.scenarios?.some((s) => s.id === id));
        }
        return;
      }
      const scenarios = state.document.scenarios ?? [];
      const last = state.lastWhatIfScenarioId;
      if (last !== null && scenarios.some((s) => s.id === last)) {
        setWhatIfScenario(last);
        return;
      }
      const name = translator(getLanguage())('editing.whatIf.defaultName', {
        number: scenarios.length + 1,
      });
      const created = ops.createScenario(state.document, { name });
      if (isRefusal(created)) return created;
      return { document: created.document, whatIfScenarioId: created.id };
    },
  }),
  setWhatIf: define({
    id: 'setWhatIf',
    labelKey: 'editing.action.setWhatIf',
    shortcuts: [],
    undo: 'none',
    whatIf: 'allowed',
    group: 'scenario',
    standalone: false,
    canExecute: (state, { scenarioId }) =>
      scenarioId === null || state.document.scenarios?.some((s) => s.id === scenarioId)
        ? true
        : { key: 'editing.notice.scenarioMissing', vars: { id: scenarioId } },
    execute: (_state, { scenarioId }) => {
      setWhatIfScenario(scenarioId);
    },
  }),

  // --- Files and exports ------------------------------------------------------------------------
  replaceBlueprint: command(
    'replaceBlueprint',
    'file',
    'allowed',
    (_state, { document, startsHistory }) => ({
      document,
      opens: true,
      ...(startsHistory ? { undo: 'reset' as const } : {}),
    }),
  ),
  newBlueprint: fileCommand('newBlueprint', 'editing.action.newBlueprint', [], (files) =>
    files.newBlueprint(),
  ),
  openBlueprint: fileCommand(
    'openBlueprint',
    'editing.action.openBlueprint',
    [{ key: 'o', mod: true }],
    (files) => files.openBlueprint(),
  ),
  saveBlueprint: fileCommand(
    'saveBlueprint',
    'editing.action.saveBlueprint',
    [{ key: 's', mod: true }],
    (files) => files.saveBlueprint(),
  ),
  openLibrary: define({
    id: 'openLibrary',
    labelKey: 'editing.action.openLibrary',
    // Beside Ctrl+O: opening from the library rather than from a file.
    shortcuts: [{ key: 'o', mod: true, shift: true }],
    undo: 'none',
    whatIf: 'allowed',
    group: 'file',
    standalone: true,
    canExecute: ok,
    execute: openLibraryDialog,
  }),
  exportPng: exportCommand('exportPng', 'editing.action.exportPng', 'png'),
  exportSvg: exportCommand('exportSvg', 'editing.action.exportSvg', 'svg'),
  exportBpmn: exportCommand('exportBpmn', 'editing.action.exportBpmn', 'bpmn'),
  exportStepsCsv: exportCommand('exportStepsCsv', 'editing.action.exportStepsCsv', 'steps'),
  exportScenariosCsv: exportCommand(
    'exportScenariosCsv',
    'editing.action.exportScenariosCsv',
    'scenarios',
  ),
  copyLink: define({
    id: 'copyLink',
    labelKey: 'editing.action.copyLink',
    // K as in the "insert link" of text editors; Shift keeps plain Ctrl+K to the browser.
    shortcuts: [{ key: 'k', mod: true, shift: true }],
    undo: 'none',
    whatIf: 'allowed',
    group: 'file',
    standalone: true,
    canExecute: ok,
    execute: (state) => void copyBlueprintLink(state),
  }),
  copyTeachingLink: define({
    id: 'copyTeachingLink',
    labelKey: 'editing.action.copyTeachingLink',
    shortcuts: [],
    undo: 'none',
    whatIf: 'allowed',
    group: 'file',
    standalone: true,
    canExecute: ok,
    execute: (state) => void copyBlueprintLink(state, { teach: true }),
  }),
  printReport: define({
    id: 'printReport',
    labelKey: 'editing.action.printReport',
    // The browser's own print key: in Failpoint it shows the report, which is what it prints.
    shortcuts: [{ key: 'p', mod: true }],
    undo: 'none',
    whatIf: 'allowed',
    group: 'file',
    standalone: true,
    canExecute: ok,
    execute: openReport,
  }),

  connectSelection: define({
    id: 'connectSelection',
    labelKey: 'editing.action.connectSelection',
    // L for "link": plain C stays free, so a slip of Ctrl+C never edits the blueprint.
    shortcuts: [{ key: 'l' }],
    undo: 'record',
    whatIf: 'blocked',
    group: 'edit',
    standalone: true,
    canExecute: (state) =>
      state.selection.nodes.size === 2 && state.selection.edges.size === 0
        ? true
        : { key: 'editing.notice.selectTwoNodes' },
    execute: (state) => {
      const [a, b] = [...state.selection.nodes]
        .map((id) => state.document.nodes.find((n) => n.id === id)!)
        .sort((m, n) => (m.position?.x ?? 0) - (n.position?.x ?? 0));
      // The flow reads left to right; when the rules only allow the other way, that is meant.
      const forward = ops.connect(state.document, { source: a.id, target: b.id });
      if (!isRefusal(forward)) return forward;
      const backward = ops.connect(state.document, { source: b.id, target: a.id });
      return isRefusal(backward) ? forward : backward;
    },
  }),
  changeNodeType: command(
    'changeNodeType',
    'edit',
    'blocked',
    (state, params) => ops.changeNodeType(state.document, params),
    (state, params) => ops.canChangeNodeType(state.document, params),
  ),
  // The context pad's commands act on the one selected node; each has a single key, so that
  // the pad's buttons can be pressed without the pointer.
  appendStep: appendCommand('appendStep', 'step', 's'),
  appendDecision: appendCommand('appendDecision', 'decision', 'd'),
  appendEnd: appendCommand('appendEnd', 'end', 'e'),
  switchNodeType: define({
    id: 'switchNodeType',
    labelKey: 'editing.action.switchNodeType',
    shortcuts: [{ key: 't' }],
    undo: 'record',
    whatIf: 'blocked',
    group: 'edit',
    standalone: true,
    canExecute: (state) => {
      const node = selectedNode(state);
      if (!isNode(node)) return node;
      const target = ops.switchedType(node);
      if (!target) return { code: 'ED023', params: { node: nodeName(node) } };
      return ops.canChangeNodeType(state.document, target);
    },
    execute: (state) =>
      ops.changeNodeType(state.document, ops.switchedType(selectedNode(state) as NodeSpec)!),
  }),
  connectFrom: define({
    id: 'connectFrom',
    labelKey: 'editing.action.connectFrom',
    shortcuts: [{ key: 'l', shift: true }],
    // Only starts the connection; the connection itself is a `connect`, one undo step.
    undo: 'none',
    whatIf: 'blocked',
    group: 'edit',
    standalone: true,
    canExecute: (state) => {
      const node = selectedNode(state);
      if (!isNode(node)) return node;
      return node.type === 'end' ? { code: 'ED006', params: { node: nodeName(node) } } : true;
    },
    execute: (state) => {
      startConnecting((selectedNode(state) as NodeSpec).id);
    },
  }),
  editLabel: define({
    id: 'editLabel',
    labelKey: 'editing.action.editLabel',
    shortcuts: [{ key: 'F2' }],
    // Opens the editor; what it commits is a `setNodeField`, one undo step.
    undo: 'none',
    whatIf: 'blocked',
    group: 'edit',
    standalone: true,
    canExecute: (state) => {
      const node = selectedNode(state);
      return isNode(node) ? true : node;
    },
    execute: (state) => {
      startLabelEdit({ kind: 'node', id: (selectedNode(state) as NodeSpec).id });
    },
  }),
  find: define({
    id: 'find',
    labelKey: 'editing.action.find',
    shortcuts: [{ key: 'f', mod: true }],
    undo: 'none',
    whatIf: 'allowed',
    group: 'view',
    standalone: true,
    canExecute: ok,
    execute: () => openFind(),
  }),
  help: define({
    id: 'help',
    labelKey: 'editing.action.help',
    shortcuts: [{ key: '?' }, { key: 'F1' }],
    undo: 'none',
    whatIf: 'allowed',
    group: 'view',
    standalone: true,
    canExecute: ok,
    execute: () => shellController()?.openHelp(),
  }),

  // --- View ------------------------------------------------------------------------------------
  present: define({
    id: 'present',
    labelKey: 'editing.action.present',
    // Not F5: reload must stay reload while editing. Ctrl+P prints and Ctrl+Shift+P opens a
    // private window in some browsers; Ctrl+Alt+P is taken neither there nor here.
    shortcuts: [{ key: 'p', mod: true, alt: true }],
    undo: 'none',
    whatIf: 'allowed',
    group: 'view',
    standalone: true,
    canExecute: ok,
    execute: enterPresenting,
  }),
  fitView: define({
    id: 'fitView',
    labelKey: 'editing.action.fitView',
    shortcuts: [{ key: 'f' }],
    undo: 'none',
    whatIf: 'allowed',
    group: 'view',
    standalone: true,
    canExecute: ok,
    execute: () => viewController()?.fitView(),
  }),
  zoomIn: define({
    id: 'zoomIn',
    labelKey: 'editing.action.zoomIn',
    shortcuts: [{ key: '+' }, { key: '=' }],
    undo: 'none',
    whatIf: 'allowed',
    group: 'view',
    standalone: true,
    canExecute: ok,
    execute: () => viewController()?.zoomIn(),
  }),
  zoomOut: define({
    id: 'zoomOut',
    labelKey: 'editing.action.zoomOut',
    shortcuts: [{ key: '-' }],
    undo: 'none',
    whatIf: 'allowed',
    group: 'view',
    standalone: true,
    canExecute: ok,
    execute: () => viewController()?.zoomOut(),
  }),

  // --- Teaching --------------------------------------------------------------------------------
  teach: define({
    id: 'teach',
    labelKey: 'editing.action.teach',
    shortcuts: [{ key: 't', shift: true }],
    undo: 'none',
    whatIf: 'allowed',
    group: 'view',
    standalone: true,
    canExecute: ok,
    execute: () => setAppMode('teach'),
  }),
  stopTeaching: define({
    id: 'stopTeaching',
    labelKey: 'editing.action.stopTeaching',
    // The teaching mode answers Escape itself, before Escape clears the selection.
    shortcuts: [{ key: 'Escape' }],
    undo: 'none',
    whatIf: 'allowed',
    group: 'view',
    standalone: true,
    canExecute: () => (appMode() === 'teach' ? true : { key: 'teaching.notTeaching' }),
    execute: () => setAppMode('edit'),
  }),
};

/** Every action, in the order menus and the shortcut list show them. */
export const actions: readonly AnyActionDefinition[] = Object.values(definitions);

/** One action by id, with its parameter type. */
export function actionById<K extends ActionId>(id: K): ActionDefinition<K> {
  return definitions[id];
}

/** Whether an action may run now: its own check, and what-if mode's rule. */
export function checkAction<K extends ActionId>(
  id: K,
  state: BlueprintState,
  ...args: ActionArgs<K>
): true | MessageRef {
  const verdict = check(id, state, args[0] as ActionParams[K]);
  return verdict === true ? true : toMessage(verdict);
}

function check<K extends ActionId>(
  id: K,
  state: BlueprintState,
  params: ActionParams[K],
): true | ActionRefusal {
  const definition = definitions[id];
  if (!editingAllowed() && editsTheBlueprint(definition)) return EDITING_LOCKED;
  if (definition.whatIf === 'blocked' && whatIfOn(state)) return WHAT_IF_STRUCTURE;
  return definition.canExecute(state, params);
}

const EDITING_LOCKED: MessageRef = { key: 'teaching.locked' };

/**
 * Whether an action changes the blueprint (or starts a change: connecting, renaming), which
 * the teaching and presenting modes lock. Copying, selecting, the view and the files stay.
 */
function editsTheBlueprint(definition: AnyActionDefinition): boolean {
  return (
    definition.undo === 'record' || definition.undo === 'history' || definition.group === 'edit'
  );
}

function isActionRefusal(effect: ActionEffect): effect is ActionRefusal {
  return isRefusal(effect) || (typeof effect === 'object' && effect !== null && 'key' in effect);
}

function refused(reason: ActionRefusal): ActionOutcome {
  const refusal = toMessage(reason);
  showNotice(refusal);
  return { ok: false, refusal };
}

/** Records what a run of `label` (an action, or a batch named after one) did. */
function finish(label: ActionId, effect: ActionEffect): ActionOutcome {
  if (effect === undefined) return { ok: true, changed: false };
  if (isActionRefusal(effect)) return refused(effect);
  if (effect.opens || effect.undo === 'reset') {
    void loadDocument(effect.document, effect.undo === 'reset' ? undefined : label);
    return { ok: true, changed: true };
  }
  const changed = commitDocument(
    label,
    effect.document,
    effect.selection ? { selection: effect.selection } : {},
  );
  if (effect.whatIfScenarioId !== undefined) setWhatIfScenario(effect.whatIfScenarioId);
  if (effect.fitView) requestFitView();
  return { ok: true, changed };
}

/**
 * Runs an action against the current state. A refusal is shown to the user as a notice and
 * returned; an edit is recorded as one undo step. Actions that wait for something (automatic
 * layout) return a promise.
 *
 * @example
 * runAction('connect', { source: 's1', target: 's2' });
 * runAction('undo');
 */
export function runAction<K extends ActionId>(
  id: K,
  ...args: ActionArgs<K>
): ActionOutcome | Promise<ActionOutcome> {
  const state = useBlueprintStore.getState();
  const allowed = check(id, state, args[0] as ActionParams[K]);
  if (allowed !== true) return refused(allowed);
  const effect = definitions[id].execute(state, args[0] as ActionParams[K]);
  if (effect instanceof Promise) return effect.then((resolved) => finish(id, resolved));
  return finish(id, effect);
}

/**
 * Runs several recording actions as one: each sees the document the one before it left, and the
 * whole batch is one undo step under `label` (the user reads "Undo Save scenario"). If any step
 * is refused, nothing changes and that refusal is shown and returned.
 *
 * @example
 * runBatch('saveScenario', [
 *   ['renameScenario', { id: 'recover-3', name: 'Check waybills' }],
 *   ['setScenarioChanges', { id: 'recover-3', changes }],
 * ]);
 */
export function runBatch(label: ActionId, steps: readonly BatchStep[]): ActionOutcome {
  const start = useBlueprintStore.getState();
  let state: BlueprintState = start;
  let result: ops.Transition = { document: start.document };
  for (const [id, params] of steps) {
    const definition = definitions[id] as ActionDefinition<typeof id>;
    if (definition.undo !== 'record') {
      throw new Error(`runBatch: ${id} does not record an undo step and cannot be batched`);
    }
    const allowed = check(id, state, params);
    if (allowed !== true) return refused(allowed);
    const effect = definition.execute(state, params);
    if (effect instanceof Promise) {
      throw new Error(`runBatch: ${id} waits for something and cannot be batched`);
    }
    if (effect === undefined) continue;
    if (isActionRefusal(effect)) return refused(effect);
    result = ops.mergeTransitions(result, effect);
    state = { ...state, document: result.document };
  }
  return finish(label, result);
}

/**
 * Runs an action that needs no parameters: what a toolbar button, a menu item or a shortcut
 * does. Refuses (as a notice) an action that needs parameters.
 */
export function runStandaloneAction(id: ActionId): ActionOutcome | Promise<ActionOutcome> {
  if (!definitions[id].standalone) {
    return refused({ key: 'editing.notice.needsParameters', vars: { action: id } });
  }
  return (runAction as (id: ActionId) => ActionOutcome | Promise<ActionOutcome>)(id);
}
