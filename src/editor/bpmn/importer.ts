/**
 * The BPMN side of the app that needs bpmn-moddle: looking into a file for the choices it asks
 * of the user (which pool, which start event, where its lanes go), importing it with those
 * choices, and writing the blueprint as BPMN. Loaded only when a BPMN file is opened or
 * exported (`import('./importer')`), so the first view of the app does not pay for the parser.
 */
import {
  decodeXmlBytes,
  laneByName,
  noteSentence,
  readBpmn,
  writeBpmn,
  type BpmnElementRef,
  type ImportNote,
  type NoteSeverity,
  type ReadBpmnOptions,
} from '../../document/bpmn';
import {
  createModdle,
  kindOf,
  listOf,
  textOf,
  type ModdleElement,
} from '../../document/bpmn/moddle';
import type { BlueprintDocument } from '../../sim/document';
import type { Diagnostic } from '../../sim/diagnostics';
import type { Lane } from '../../sim/model';
import type { Language } from '../i18n';
import type { BpmnLaneRow, BpmnPool } from './bpmnImport';

/** Flow elements that take no part in the flow, as the reader counts them (not nodes). */
const NOT_NODES = new Set([
  'sequenceFlow',
  'dataObject',
  'dataObjectReference',
  'dataStoreReference',
  'textAnnotation',
  'association',
  'group',
]);

function flowNodeCount(container: ModdleElement): number {
  let count = 0;
  for (const element of listOf(container, 'flowElements')) {
    if (NOT_NODES.has(kindOf(element))) continue;
    count++;
    count += flowNodeCount(element);
  }
  return count;
}

async function definitionsOf(bytes: Uint8Array): Promise<ModdleElement | null> {
  const decoded = decodeXmlBytes(bytes);
  if (!decoded.ok) return null;
  try {
    const text = decoded.text.replace(
      /^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2/,
      '$1$2UTF-8$2',
    );
    const parsed = await createModdle().fromXML(text);
    return parsed.rootElement.$type === 'bpmn:Definitions' ? parsed.rootElement : null;
  } catch {
    // Not BPMN: the import itself says why, with its coded refusal.
    return null;
  }
}

function processesOf(definitions: ModdleElement) {
  const roots = listOf(definitions, 'rootElements');
  const participants = roots
    .filter((element) => element.$type === 'bpmn:Collaboration')
    .flatMap((collaboration) => listOf(collaboration, 'participants'));
  return roots
    .filter((element) => element.$type === 'bpmn:Process')
    .map((process) => ({
      process,
      pool: participants.find((participant) => participant.processRef === process),
    }));
}

/**
 * The pools (processes with flow) of a file, largest first; empty when the file does not parse
 * as BPMN (the import then refuses it with its reasons).
 */
export async function listPools(bytes: Uint8Array): Promise<BpmnPool[]> {
  const definitions = await definitionsOf(bytes);
  if (!definitions) return [];
  const pools: BpmnPool[] = [];
  for (const { process, pool } of processesOf(definitions)) {
    const nodes = flowNodeCount(process);
    if (nodes === 0) continue;
    const name = textOf(pool, 'name')?.trim() || textOf(process, 'name')?.trim();
    pools.push({
      id: textOf(pool, 'id') ?? textOf(process, 'id') ?? '?',
      ...(name ? { name } : {}),
      nodes,
    });
  }
  return pools.sort((a, b) => b.nodes - a.nodes);
}

/** What importing one pool asks: its start events when it has several, and its lanes. */
export type PoolPlan =
  { ok: true; starts: BpmnElementRef[]; lanes: BpmnLaneRow[] } | { ok: false; notes: ImportNote[] };

/**
 * Reads the pool once without choices: a file refused only for its several start events offers
 * them to choose from; any other refusal is final. The lanes holding elements are listed with
 * the blueprint lane the reader's name rules give them.
 */
export async function planPool(bytes: Uint8Array, processId?: string): Promise<PoolPlan> {
  const options: ReadBpmnOptions = processId === undefined ? {} : { processId };
  const first = await readBpmn(bytes, options);
  let starts: BpmnElementRef[] = [];
  const decided = new Map<string, Lane>();
  if (!first.ok) {
    const refusals = first.report.notes.filter((note) => note.severity === 'refusal');
    const onlyStarts =
      refusals.length > 0 && refusals.every((note) => note.key === 'several-starts');
    if (!onlyStarts) return { ok: false, notes: first.report.notes };
    const [note] = refusals;
    if (note.key === 'several-starts') starts = note.params.starts;
  } else {
    for (const note of first.report.notes) {
      if (note.key === 'lane-mapped') decided.set(note.params.lane.id, note.params.to);
      else if (note.key === 'lane-default') decided.set(note.params.lane.id, 'backstage');
    }
  }
  const definitions = await definitionsOf(bytes);
  const chosen = definitions
    ? processesOf(definitions).find(
        ({ process, pool }) =>
          processId === undefined ||
          textOf(process, 'id') === processId ||
          textOf(pool, 'id') === processId,
      )
    : undefined;
  return { ok: true, starts, lanes: chosen ? lanesOf(chosen.process, decided) : [] };
}

/**
 * The lanes of a process that hold elements, nested ones included, each with the blueprint lane
 * the reader gave it (`decided`), else its name's, else its parent's, else backstage, as the
 * reader decides (see docs/bpmn.md). Lanes sharing a name are one row: the map goes by name.
 */
function lanesOf(process: ModdleElement, decided: ReadonlyMap<string, Lane>): BpmnLaneRow[] {
  const rows = new Map<string, BpmnLaneRow>();
  const visit = (lanes: ModdleElement[], parentLane: Lane | null) => {
    for (const lane of lanes) {
      const id = textOf(lane, 'id') ?? '?';
      const name = textOf(lane, 'name')?.trim() ?? '';
      const suggested =
        decided.get(id) ?? (name ? laneByName(name) : null) ?? parentLane ?? 'backstage';
      const key = name || id;
      const children = listOf(lane.childLaneSet as ModdleElement | undefined, 'lanes');
      if (listOf(lane, 'flowNodeRef').length > 0 && !rows.has(key.toLowerCase())) {
        rows.set(key.toLowerCase(), { key, id, ...(name ? { name } : {}), suggested });
      }
      visit(children, suggested);
    }
  };
  for (const laneSet of listOf(process, 'laneSets')) visit(listOf(laneSet, 'lanes'), null);
  return [...rows.values()];
}

/** The outcome of an import with the user's choices. */
export type BpmnImport =
  | {
      ok: true;
      document: BlueprintDocument;
      notes: ImportNote[];
      problems: Diagnostic[];
    }
  | { ok: false; notes: ImportNote[] };

/**
 * Imports the file with the user's choices; the import report is appended to the blueprint's
 * notes, in the interface language, under a heading naming the file and the day of the import.
 */
export async function importBpmn(
  bytes: Uint8Array,
  options: ReadBpmnOptions,
  context: {
    language: Language;
    /** The report's first line: which file, which day. */
    heading: string;
    severities: Readonly<Record<NoteSeverity, string>>;
  },
): Promise<BpmnImport> {
  const result = await readBpmn(bytes, options);
  if (!result.ok) return { ok: false, notes: result.report.notes };
  const { notes } = result.report;
  const report = [
    context.heading,
    ...notes.map(
      (note) =>
        `- ${note.code} (${context.severities[note.severity]}): ${noteSentence(note, context.language)}`,
    ),
  ].join('\n');
  const previous = result.document.notes?.trim();
  const document: BlueprintDocument = {
    ...result.document,
    notes: previous ? `${previous}\n\n${report}` : report,
  };
  return { ok: true, document, notes, problems: result.diagnostics };
}

/** The blueprint as BPMN 2.0 XML (see docs/bpmn.md, "Writing"). */
export function exportBpmn(document: BlueprintDocument): Promise<string> {
  return writeBpmn(document);
}
