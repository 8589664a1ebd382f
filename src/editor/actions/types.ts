/**
 * The shape of a registered action: every user-facing edit or command of the editor, with its
 * label, shortcuts, undo policy, a check and the work itself.
 */
import type {
  AddNodeParams,
  ChangeNodeTypeParams,
  ConnectParams,
  NodeFieldEdit,
  ScenarioFieldTarget,
  Transition,
} from '../../document/commands';
import type { CustomerValueForm, SaveOptionParams } from '../../document/economics';
import type { Refusal } from '../../document/refusals';
import type {
  BlueprintDocument,
  ChangeSpec,
  NumberOrExpression,
  Position,
} from '../../sim/document';
import type { EdgeKind } from '../../sim/model';
import type { EconomicsFieldKey } from '../../sim/money/fields';
import type { MessageKey } from '../i18n';
import type { BlueprintState } from '../store/blueprint';
import type { MessageRef } from './messages';

/** A key combination. `mod` is Ctrl, or ⌘ on a Mac. */
export interface Shortcut {
  /** `KeyboardEvent.key`, lower case for letters (`'z'`, `'Delete'`, `'+'`). */
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

/**
 * - `record`: a successful run changes the document and is one undo step;
 * - `history`: moves through the undo history (undo, redo);
 * - `none`: never changes the document (selection, clipboard, view, files, exports).
 *
 * A recording command may report its own effect for one run (see `Transition.undo`): the
 * first blueprint of a session starts a new history instead of being an undo step.
 */
export type UndoPolicy = 'record' | 'history' | 'none';

/**
 * How an action behaves in what-if mode: `allowed` as usual; `scenario` records its values into
 * the active scenario instead of the baseline; `blocked` refused (it would change the structure
 * of the baseline).
 */
export type WhatIfPolicy = 'allowed' | 'scenario' | 'blocked';

export type ActionGroup =
  'history' | 'edit' | 'clipboard' | 'view' | 'blueprint' | 'scenario' | 'file';

/** Why an action did not run: a coded refusal of the document room, or a message of the editor. */
export type ActionRefusal = Refusal | MessageRef;

/** Parameters of every action; `undefined` for actions that take none. */
export interface ActionParams {
  undo: undefined;
  redo: undefined;
  addNode: AddNodeParams;
  deleteSelection: undefined;
  deleteElements: { nodes?: readonly string[]; edges?: readonly string[] };
  connect: ConnectParams;
  setNodeField: NodeFieldEdit;
  setEdgeProbability: { id: string; probability: NumberOrExpression };
  setEdgeKind: { id: string; kind: EdgeKind };
  setEdgeText: { id: string; field: 'label' | 'notes'; value: string };
  /** Final positions of the moved nodes: one drag, one undo step. */
  moveNodes: { positions: ReadonlyMap<string, Position> | Readonly<Record<string, Position>> };
  copy: undefined;
  cut: undefined;
  paste: undefined;
  selectAll: undefined;
  clearSelection: undefined;
  autoLayout: undefined;
  setTitle: { title: string };
  setDescription: { description: string };
  setNotes: { notes: string };
  addParameter: { name?: string; value?: NumberOrExpression; label?: string };
  renameParameter: { name: string; newName: string };
  setParameter: { name: string; value?: NumberOrExpression; label?: string };
  removeParameter: { name: string };
  createScenario: { name: string; id?: string; changes?: ChangeSpec[]; description?: string };
  renameScenario: { id: string; name: string };
  setScenarioDescription: { id: string; description: string };
  deleteScenario: { id: string };
  setScenarioChanges: { id: string; changes: ChangeSpec[] };
  /** Creates a scenario (without `id`) or renames it and replaces its changes: one undo step. */
  saveScenario: {
    id?: string;
    name: string;
    changes: ChangeSpec[];
    description?: string;
    options?: string[];
  };
  /** Takes one field of a node, or an edge, out of a scenario (what-if "reset"). */
  resetScenarioField: { scenarioId: string; target: ScenarioFieldTarget };
  /** Gives the blueprint economics, from the training material's figures (SPEC §9). */
  addEconomics: undefined;
  removeEconomics: undefined;
  setEconomicsCurrency: { currency: string };
  /** One number of the economics by its registry key; `undefined` leaves an optional one out. */
  setEconomicsField: { key: EconomicsFieldKey; value: NumberOrExpression | undefined };
  setCustomerValueForm: { form: CustomerValueForm };
  /** Creates or rewrites an improvement option from the option form. */
  saveOption: SaveOptionParams;
  /** Deletes an option and takes it out of the scenarios that list it. */
  deleteOption: { id: string };
  /** Which options a scenario is built from; refused when two change the same thing. */
  setScenarioOptions: { id: string; options: string[] };
  /**
   * Opens another blueprint in place of this one (new, a file, an example): one undo step that
   * brings the replaced blueprint back. `startsHistory` instead starts a new history (the
   * first blueprint of a session).
   */
  replaceBlueprint: { document: BlueprintDocument; startsHistory?: boolean };
  applyScenarioToBaseline: { id: string };
  toggleWhatIf: undefined;
  setWhatIf: { scenarioId: string | null };
  newBlueprint: undefined;
  openBlueprint: undefined;
  saveBlueprint: undefined;
  /** Shows the library of blueprints kept in this browser. */
  openLibrary: undefined;
  exportPng: undefined;
  exportSvg: undefined;
  /** Downloads the blueprint as a BPMN 2.0 file. */
  exportBpmn: undefined;
  exportStepsCsv: undefined;
  exportScenariosCsv: undefined;
  /** Copies a link holding the blueprint (SPEC §10), with the what-if scenario on screen. */
  copyLink: undefined;
  /** The same link opening in teaching mode (`&mode=teach`). */
  copyTeachingLink: undefined;
  /** Opens the printable one-page report of the blueprint (SPEC §10). */
  printReport: undefined;
  /** Connects the two selected nodes, left to right (or the other way when only that is allowed). */
  connectSelection: undefined;
  /** Turns a node into another type (step ↔ decision, end ↔ failure end). */
  changeNodeType: ChangeNodeTypeParams;
  /** The context pad's commands, on the one selected node. */
  appendStep: undefined;
  appendDecision: undefined;
  appendEnd: undefined;
  switchNodeType: undefined;
  connectFrom: undefined;
  editLabel: undefined;
  find: undefined;
  help: undefined;
  /** Shows the blueprint full screen for a projector, as a guided walk (SPEC §8). */
  present: undefined;
  fitView: undefined;
  zoomIn: undefined;
  zoomOut: undefined;
  /** Teaching mode (SPEC §8): customers walk the blueprint, editing is locked. */
  teach: undefined;
  /** Back from the teaching mode to editing. */
  stopTeaching: undefined;
}

export type ActionId = keyof ActionParams;

/** What `execute` hands back: a new document to record, a refusal, or nothing (done). */
export type ActionEffect = Transition | ActionRefusal | void;

export interface ActionDefinition<K extends ActionId = ActionId> {
  id: K;
  /** The action's name in menus, tooltips and the shortcut list. */
  labelKey: MessageKey;
  shortcuts: readonly Shortcut[];
  undo: UndoPolicy;
  whatIf: WhatIfPolicy;
  group: ActionGroup;
  /** Runs without parameters, so a toolbar button, a menu item or a shortcut can trigger it. */
  standalone: boolean;
  /** Whether the action can run now (`true`), or why not. Cheap: toolbars call it on every change. */
  canExecute(state: BlueprintState, params: ActionParams[K]): true | ActionRefusal;
  /**
   * Does the work. Actions that record return the new document (the runner records it as one
   * undo step named after the action); others act and return nothing.
   */
  execute(state: BlueprintState, params: ActionParams[K]): ActionEffect | Promise<ActionEffect>;
}

/** Any registered action, whatever its parameters. */
export type AnyActionDefinition = { [K in ActionId]: ActionDefinition<K> }[ActionId];

/** The outcome of running an action. */
export type ActionOutcome =
  | { ok: true; /** whether the document changed */ changed: boolean }
  | { ok: false; refusal: MessageRef };

/** `runAction('undo')` or `runAction('connect', { source, target })`. */
export type ActionArgs<K extends ActionId> = ActionParams[K] extends undefined
  ? [params?: undefined]
  : [params: ActionParams[K]];

/** One step of a batch: a recording action and its parameters. */
export type BatchStep = { [K in ActionId]: [id: K, params: ActionParams[K]] }[ActionId];
