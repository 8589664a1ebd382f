/**
 * Opening a BPMN file in the app (SPEC §7): the file is looked into for the choices it asks
 * (which pool of a collaboration, which of several start events, where each BPMN lane goes),
 * the import dialog shows them, and the import with those choices replaces the blueprint as one
 * undo step, exactly as opening a blueprint file does (a draft when validation finds problems).
 * A refused file goes to the rejected-file dialog with the sentences naming its elements, and
 * the blueprint being edited stays as it was. The import report is shown afterwards and kept in
 * the blueprint's notes.
 *
 * bpmn-moddle is reached only through `import('./importer')`, so the first view of the app
 * never loads it.
 */
import { create } from 'zustand';
import type { BpmnElementRef, ImportNote } from '../../document/bpmn';
import type { BlueprintDocument } from '../../sim/document';
import type { Lane } from '../../sim/model';
import { LANES } from '../../sim/model';
import { downloadText, fileStem } from '../files/download';
import { openDocument, useFileState } from '../files/fileActions';
import { ensureSchemaWording } from '../files/schemaWording';
import { getLanguage, translator } from '../i18n';

/** A pool of a collaboration, as the import dialog offers it. */
export interface BpmnPool {
  /** The pool's (participant's) id, else its process's: what `readBpmn`'s `processId` takes. */
  id: string;
  name?: string;
  /** Flow nodes in its process, nested ones included. */
  nodes: number;
}

/** A BPMN lane of the chosen pool and the blueprint lane the reader's rules give it. */
export interface BpmnLaneRow {
  /** What the lane map is keyed by: the lane's name, or its id when it has none. */
  key: string;
  id: string;
  name?: string;
  suggested: Lane;
}

/** A BPMN file waiting in the import dialog for the user's choices. */
export interface PendingImport {
  fileName: string;
  bytes: Uint8Array;
  /** Every pool with flow, largest first; one or none needs no choice. */
  pools: BpmnPool[];
  poolId: string | undefined;
  /** The start events of the chosen pool when it has several. */
  starts: BpmnElementRef[];
  startId: string | undefined;
  lanes: BpmnLaneRow[];
  /** Lane key → the blueprint lane chosen for it. */
  laneChoice: Record<string, Lane>;
  /** The chosen pool cannot be imported: why (its refusal notes). */
  refusal: ImportNote[] | null;
  /** A look into the file or the import is under way. */
  busy: boolean;
}

/** The report of the last import, as its dialog shows it. */
export interface ShownReport {
  fileName: string;
  notes: ImportNote[];
  /** Validation problems of the imported blueprint (it opened as a draft when there are some). */
  problems: number;
}

interface BpmnImportState {
  pending: PendingImport | null;
  report: ShownReport | null;
}

export const useBpmnImport = create<BpmnImportState>(() => ({ pending: null, report: null }));

const loadImporter = () => import('./importer');

/** Settles the promise of the file being imported: whether it was opened. */
let settlePending: ((opened: boolean) => void) | null = null;

const LANE_MEMORY_KEY = 'failpoint.bpmnLaneMap';

/** The blueprint lane the user last chose for each BPMN lane name (lower-cased). */
function rememberedLanes(): Record<string, Lane> {
  try {
    const stored: unknown = JSON.parse(globalThis.localStorage?.getItem(LANE_MEMORY_KEY) ?? '{}');
    if (stored === null || typeof stored !== 'object') return {};
    const out: Record<string, Lane> = {};
    for (const [name, lane] of Object.entries(stored)) {
      if ((LANES as readonly unknown[]).includes(lane)) out[name] = lane as Lane;
    }
    return out;
  } catch {
    // Storage disabled or a value written by hand: the reader's rules decide.
    return {};
  }
}

function rememberLanes(choice: Record<string, Lane>): void {
  const memory = rememberedLanes();
  for (const [name, lane] of Object.entries(choice)) memory[name.toLowerCase()] = lane;
  try {
    globalThis.localStorage?.setItem(LANE_MEMORY_KEY, JSON.stringify(memory));
  } catch {
    // Not kept: the next import suggests by name again, which is all that is lost.
  }
}

/** Each lane's preselected blueprint lane: the user's last choice for its name, else the rules'. */
function initialLaneChoice(lanes: readonly BpmnLaneRow[]): Record<string, Lane> {
  const memory = rememberedLanes();
  return Object.fromEntries(
    lanes.map((lane) => [lane.key, memory[lane.key.toLowerCase()] ?? lane.suggested]),
  );
}

function reject(fileName: string, notes: ImportNote[]): void {
  useFileState.setState({ rejection: { name: fileName, diagnostics: [], notes } });
}

/**
 * Opens a BPMN file: straight in when it asks nothing, through the import dialog when it has
 * several pools, several start events or lanes (the lane map is always shown, so the user sees
 * where each lane goes). Resolves once the file is opened (true) or refused or cancelled.
 */
export async function openBpmnFile(fileName: string, bytes: Uint8Array): Promise<boolean> {
  settlePending?.(false);
  settlePending = null;
  // The imported blueprint is validated as a file's is, with the schemas' wording at hand.
  const [importer] = await Promise.all([loadImporter(), ensureSchemaWording()]);
  const pools = await importer.listPools(bytes);
  const poolId = pools.length > 1 ? pools[0].id : undefined;
  const plan = await importer.planPool(bytes, poolId);
  if (!plan.ok) {
    reject(fileName, plan.notes);
    return false;
  }
  const pending: PendingImport = {
    fileName,
    bytes,
    pools,
    poolId,
    starts: plan.starts,
    startId: plan.starts[0]?.id,
    lanes: plan.lanes,
    laneChoice: initialLaneChoice(plan.lanes),
    refusal: null,
    busy: false,
  };
  if (pools.length < 2 && plan.starts.length < 2 && plan.lanes.length === 0) {
    return finishImport(pending);
  }
  useBpmnImport.setState({ pending });
  return new Promise<boolean>((resolve) => {
    settlePending = resolve;
  });
}

function updatePending(change: Partial<PendingImport>): void {
  const { pending } = useBpmnImport.getState();
  if (pending) useBpmnImport.setState({ pending: { ...pending, ...change } });
}

/** Chooses the pool to import: its start events and lanes are looked up again. */
export async function choosePool(poolId: string): Promise<void> {
  const { pending } = useBpmnImport.getState();
  if (!pending || pending.poolId === poolId) return;
  updatePending({ poolId, busy: true });
  const importer = await loadImporter();
  const plan = await importer.planPool(pending.bytes, poolId);
  if (useBpmnImport.getState().pending?.poolId !== poolId) return;
  updatePending(
    plan.ok
      ? {
          starts: plan.starts,
          startId: plan.starts[0]?.id,
          lanes: plan.lanes,
          laneChoice: initialLaneChoice(plan.lanes),
          refusal: null,
          busy: false,
        }
      : {
          starts: [],
          startId: undefined,
          lanes: [],
          laneChoice: {},
          refusal: plan.notes,
          busy: false,
        },
  );
}

export function chooseStart(startId: string): void {
  updatePending({ startId });
}

export function chooseLane(key: string, lane: Lane): void {
  const { pending } = useBpmnImport.getState();
  if (pending) updatePending({ laneChoice: { ...pending.laneChoice, [key]: lane } });
}

/** Closes the import dialog without importing; the blueprint stays as it was. */
export function cancelImport(): void {
  useBpmnImport.setState({ pending: null });
  settlePending?.(false);
  settlePending = null;
}

/** Imports the pending file with the choices of the dialog. */
export async function confirmImport(): Promise<boolean> {
  const { pending } = useBpmnImport.getState();
  if (!pending || pending.busy || pending.refusal) return false;
  updatePending({ busy: true });
  const opened = await finishImport(pending);
  useBpmnImport.setState({ pending: null });
  settlePending?.(opened);
  settlePending = null;
  return opened;
}

/** The day as the user's calendar has it, `YYYY-MM-DD`. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The lanes the user (or the remembered map) sends elsewhere than the reader's rules would: only
 * those go in the lane map, so the report says which lanes were mapped by hand and which by name.
 */
function overrides(pending: PendingImport): Record<string, Lane> | undefined {
  const changed = pending.lanes.filter(
    (lane) => (pending.laneChoice[lane.key] ?? lane.suggested) !== lane.suggested,
  );
  if (changed.length === 0) return undefined;
  return Object.fromEntries(changed.map((lane) => [lane.key, pending.laneChoice[lane.key]]));
}

async function finishImport(pending: PendingImport): Promise<boolean> {
  const language = getLanguage();
  const t = translator(language);
  const importer = await loadImporter();
  const result = await importer.importBpmn(
    pending.bytes,
    {
      ...(pending.poolId !== undefined ? { processId: pending.poolId } : {}),
      ...(pending.starts.length > 1 && pending.startId !== undefined
        ? { startId: pending.startId }
        : {}),
      ...(overrides(pending) ? { lanes: overrides(pending) } : {}),
    },
    {
      language,
      heading: t('bpmn.notesHeading', { name: pending.fileName, date: today() }),
      severities: {
        refusal: t('bpmn.severity.refusal'),
        approximation: t('bpmn.severity.approximation'),
        default: t('bpmn.severity.default'),
        info: t('bpmn.severity.info'),
      },
    },
  );
  if (!result.ok) {
    reject(pending.fileName, result.notes);
    return false;
  }
  if (pending.lanes.length > 0) rememberLanes(pending.laneChoice);
  openDocument(result.document);
  // A draft: its problems are listed by the live analysis; the status line says why.
  useFileState.setState({
    message: result.problems.length
      ? { key: 'openedDraft', detail: String(result.problems.length) }
      : null,
  });
  useBpmnImport.setState({
    report: { fileName: pending.fileName, notes: result.notes, problems: result.problems.length },
  });
  return true;
}

export function dismissReport(): void {
  useBpmnImport.setState({ report: null });
}

/** Downloads the blueprint as `<title>.bpmn`, written by the lazily loaded BPMN writer. */
export async function exportBpmnFile(document: BlueprintDocument): Promise<void> {
  const importer = await loadImporter();
  downloadText(
    await importer.exportBpmn(document),
    `${fileStem(document.title, 'blueprint')}.bpmn`,
    'application/xml',
  );
}
