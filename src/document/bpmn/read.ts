/**
 * Reading a BPMN 2.0 file into a blueprint (SPEC §7).
 *
 * The file is parsed by bpmn-moddle; one process is chosen; its flow is rewritten as blueprint
 * nodes and edges: activities become steps, exclusive splits decisions, parallel splits and
 * merges parallels and joins, and everything that only passes the flow on (merging exclusive
 * gateways, intermediate events, the borders of embedded sub-processes) is stepped over, so an
 * edge goes straight from one blueprint node to the next. What has no faithful meaning is
 * refused with a sentence naming the element; every approximation and default is a coded note of
 * the import report. Nothing here throws on a bad file.
 *
 * A file Failpoint wrote carries every blueprint field in its `failpoint:` extension, and reading
 * it gives back the blueprint it came from exactly; a modeller's later edits to names, lanes,
 * positions and the flow itself win over the extension.
 */
import type {
  BlueprintDocument,
  EdgeSpec,
  NodeSpec,
  Position,
  QuantitySpec,
} from '../../sim/document';
import { BLUEPRINT_FORMAT, BLUEPRINT_VERSION } from '../../sim/document';
import type { Diagnostic } from '../../sim/diagnostics';
import { LANES, type Lane } from '../../sim/model';
import { validateDocument } from '../../sim/parse';
import { LANE_MIN_HEIGHT, LANE_PADDING, NODE_SIZES, laneOf } from '../geometry';
import { quickLayout } from '../layout';
import { decodeXmlBytes } from './decode';
import {
  attributeOf,
  createModdle,
  elementOf,
  extensionsOf,
  genericDescendants,
  kindOf,
  listOf,
  localName,
  textOf,
  type ModdleElement,
} from './moddle';
import {
  importNote,
  type BpmnElementRef,
  type ImportNote,
  type NoteKey,
  type NoteParams,
  type ProbabilitySource,
} from './notes';
import { gatherParallelEnds } from './parallel-ends';
import { BPMN_SHAPE_SIZES } from './shapes';

/** How to read a file: which pool, and how its lanes map to the blueprint's. */
export interface ReadBpmnOptions {
  /** The id of the process or of its pool (participant) to import; default the largest. */
  processId?: string;
  /**
   * The id of the start event customers enter at, when the process has several (the others
   * and what only they lead to are left out, and listed); without it several starts are refused.
   */
  startId?: string;
  /** BPMN lane name (or id) → blueprint lane; names are matched ignoring case and spaces. */

  lanes?: Record<string, Lane>;
}

/** What an import did: every note, and which process it read. */
export interface ImportReport {
  notes: ImportNote[];
  /** The process imported, when one was chosen. */
  process?: BpmnElementRef;
}

/**
 * The outcome of {@link readBpmn}: a blueprint document with its report and its validation
 * problems (a draft may have some), or a refusal whose report says why. `notBpmn` tells a file
 * that is not BPMN at all (exit code 2 on the command line) from content that is refused (1).
 */
export type ReadBpmnResult =
  | { ok: true; document: BlueprintDocument; report: ImportReport; diagnostics: Diagnostic[] }
  | { ok: false; notBpmn: boolean; report: ImportReport };

/** Lane names → blueprint lanes, tried in this order on the lower-cased name. */
const LANE_RULES: readonly { lane: Lane; words: readonly string[] }[] = [
  {
    lane: 'customer',
    words: ['customer', 'client', 'consumer', 'guest', 'patient', '客户', '顾客'],
  },
  { lane: 'frontstage', words: ['frontstage', 'front', '前台'] },
  { lane: 'backstage', words: ['backstage', 'back', '后台'] },
  { lane: 'support', words: ['support', '支持', '支援'] },
];

/**
 * The blueprint lane a BPMN lane name stands for by the documented rules (see docs/bpmn.md), or
 * null when the name does not say.
 */
export function laneByName(name: string): Lane | null {
  const lower = name.toLowerCase();
  for (const rule of LANE_RULES) {
    if (rule.words.some((word) => lower.includes(word))) return rule.lane;
  }
  return null;
}

const TASK_KINDS = new Set([
  'task',
  'userTask',
  'serviceTask',
  'manualTask',
  'scriptTask',
  'sendTask',
  'receiveTask',
  'businessRuleTask',
  'callActivity',
]);

/** Flow elements with no part in the flow: left out, counted in one note. */
const IGNORED_KINDS = new Set([
  'dataObject',
  'dataObjectReference',
  'dataStoreReference',
  'textAnnotation',
  'association',
  'group',
  'dataInputAssociation',
  'dataOutputAssociation',
]);

const MAX_LISTED = 8;

/** A node of the working graph: a blueprint node to be, or something the flow passes through. */
interface Vertex {
  id: string;
  origin: ModdleElement;
  role:
    | { kind: 'step' }
    | { kind: 'start' }
    | { kind: 'end'; failure: boolean }
    | { kind: 'decision' }
    | { kind: 'parallel' }
    | { kind: 'join' }
    | { kind: 'pass' };
  /** Outgoing: a BPMN flow (its id) or a link made by the import (null), to a vertex id. */
  out: { flow: ModdleElement | null; target: string }[];
  /** Number of sequence flows coming in, as the file draws them. */
  incoming: number;
  /** The element whose lane this vertex takes (its own, or the sub-process it sits in). */
  laneHost: ModdleElement;
  /** Places right of its origin's shape it is drawn at; default 0 for the element itself, else 1. */
  slot?: number;
}

function refOf(element: ModdleElement): BpmnElementRef {
  const name = textOf(element, 'name')?.trim();
  const ref: BpmnElementRef = { id: textOf(element, 'id') ?? '?', kind: kindOf(element) };
  if (name) ref.name = name;
  return ref;
}

function shortDetail(message: string): string {
  const first = message.split('\n')[0].trim();
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}

function eventTrigger(event: ModdleElement): string | null {
  const definitions = listOf(event, 'eventDefinitions');
  if (definitions.length === 0) return null;
  return kindOf(definitions[0]).replace(/EventDefinition$/, '');
}

/** The `failpoint:fields` of an element: its JSON (parsed) and its attributes. */
interface FailpointFields {
  json: Record<string, unknown> | null;
  reliability?: string;
  probability?: string;
  k?: number;
  lane?: string;
}

function failpointFields(element: ModdleElement): FailpointFields | null {
  const found = extensionsOf(element).find((e) => e.$type === 'failpoint:Fields');
  if (!found) return null;
  let json: Record<string, unknown> | null = null;
  const body = textOf(found, 'json');
  if (body !== undefined && body.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        json = parsed as Record<string, unknown>;
      }
    } catch {
      json = null;
    }
  }
  const fields: FailpointFields = { json };
  const reliability = textOf(found, 'reliability');
  if (reliability !== undefined) fields.reliability = reliability;
  const probability = textOf(found, 'probability');
  if (probability !== undefined) fields.probability = probability;
  if (typeof found.k === 'number') fields.k = found.k;
  const lane = textOf(found, 'lane');
  if (lane !== undefined) fields.lane = lane;
  return fields;
}

/** A number or an expression from an attribute: numbers stay numbers. */
function numberOrExpression(text: string): number | string {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : text;
}

function documentation(element: ModdleElement): string | undefined {
  const texts = listOf(element, 'documentation')
    .map((d) => textOf(d, 'text')?.trim() ?? '')
    .filter((t) => t !== '');
  return texts.length > 0 ? texts.join('\n\n') : undefined;
}

/** Minutes per BPSim time unit. */
const MINUTES_PER_UNIT: Readonly<Record<string, number>> = {
  ms: 1 / 60000,
  s: 1 / 60,
  min: 1,
  hour: 60,
  day: 1440,
  year: 525600,
};

/** An ISO 8601 duration (`PT1H30M`) in minutes, or null. */
function isoMinutes(text: string): number | null {
  const match =
    /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      text.trim(),
    );
  if (!match || text.trim() === 'P' || text.trim() === 'PT') return null;
  const [, d, h, m, s] = match.map((part) => (part === undefined ? 0 : Number(part)));
  return d * 1440 + h * 60 + m + s / 60;
}

/** Simulation data the file carries for its elements, from BPSim and QBP, by element id. */
interface SimulationData {
  bpsimProbability: Map<string, number>;
  bpsimDuration: Map<string, QuantitySpec & object>;
  bpsimMeanMinutes: Map<string, number>;
  qbpProbability: Map<string, number>;
}

function readSimulationData(definitions: ModdleElement): SimulationData {
  const roots: ModdleElement[] = [...extensionsOf(definitions)];
  for (const root of listOf(definitions, 'rootElements')) roots.push(...extensionsOf(root));
  for (const relationship of listOf(definitions, 'relationships')) {
    roots.push(...extensionsOf(relationship));
  }
  const data: SimulationData = {
    bpsimProbability: new Map(),
    bpsimDuration: new Map(),
    bpsimMeanMinutes: new Map(),
    qbpProbability: new Map(),
  };
  let unit = 1;
  for (const element of genericDescendants(roots)) {
    const name = localName(element.$type);
    if (name === 'ScenarioParameters') {
      unit = MINUTES_PER_UNIT[attributeOf(element, 'baseTimeUnit') ?? 'min'] ?? 1;
    }
  }
  for (const element of genericDescendants(roots)) {
    const name = localName(element.$type);
    if (name === 'sequenceFlow') {
      const id = attributeOf(element, 'elementId');
      const p = Number(attributeOf(element, 'executionProbability'));
      if (id !== undefined && Number.isFinite(p)) data.qbpProbability.set(id, p);
      continue;
    }
    if (name !== 'ElementParameters') continue;
    const id = attributeOf(element, 'elementRef');
    if (id === undefined) continue;
    for (const inner of genericDescendants(element.$children ?? [])) {
      const innerName = localName(inner.$type);
      if (innerName === 'Probability') {
        const value = parameterValue(inner);
        if (value !== null) data.bpsimProbability.set(id, value);
      } else if (innerName === 'ProcessingTime') {
        const duration = bpsimDuration(inner, unit);
        if (duration !== null) {
          data.bpsimDuration.set(id, duration.spec);
          data.bpsimMeanMinutes.set(id, duration.mean);
        }
      }
    }
  }
  return data;
}

/** The first constant value inside a BPSim parameter. */
function parameterValue(parameter: ModdleElement): number | null {
  for (const child of parameter.$children ?? []) {
    const name = localName(child.$type);
    if (name === 'FloatingParameter' || name === 'NumericParameter') {
      const value = Number(attributeOf(child, 'value'));
      if (Number.isFinite(value)) return value;
    }
  }
  return null;
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** A BPSim processing time as a duration in minutes, with its mean. */
function bpsimDuration(
  parameter: ModdleElement,
  unit: number,
): { spec: QuantitySpec & object; mean: number } | null {
  for (const child of parameter.$children ?? []) {
    const name = localName(child.$type);
    const n = (attribute: string) => Number(attributeOf(child, attribute)) * unit;
    switch (name) {
      case 'FloatingParameter':
      case 'NumericParameter': {
        const value = n('value');
        if (Number.isFinite(value))
          return { spec: { dist: 'fixed', value: round(value) }, mean: value };
        break;
      }
      case 'DurationParameter': {
        const minutes = isoMinutes(attributeOf(child, 'value') ?? '');
        if (minutes !== null)
          return { spec: { dist: 'fixed', value: round(minutes) }, mean: minutes };
        break;
      }
      case 'TriangularDistribution': {
        const [min, mode, max] = [n('min'), n('mode'), n('max')];
        if ([min, mode, max].every(Number.isFinite)) {
          return {
            spec: { dist: 'triangular', min: round(min), mode: round(mode), max: round(max) },
            mean: (min + mode + max) / 3,
          };
        }
        break;
      }
      case 'UniformDistribution': {
        const [min, max] = [n('min'), n('max')];
        if ([min, max].every(Number.isFinite)) {
          return {
            spec: { dist: 'uniform', min: round(min), max: round(max) },
            mean: (min + max) / 2,
          };
        }
        break;
      }
      case 'NormalDistribution':
      case 'TruncatedNormalDistribution': {
        const [mean, sd] = [n('mean'), n('standardDeviation')];
        if ([mean, sd].every(Number.isFinite)) {
          return { spec: { dist: 'normal', mean: round(mean), sd: round(sd) }, mean };
        }
        break;
      }
      case 'ExponentialDistribution': {
        const mean = n('mean');
        if (Number.isFinite(mean))
          return { spec: { dist: 'exponential', mean: round(mean) }, mean };
        break;
      }
      case 'LogNormalDistribution': {
        // BPSim gives the mean and standard deviation of the value; the blueprint those of its log.
        const [mean, sd] = [n('mean'), n('standardDeviation')];
        if ([mean, sd].every(Number.isFinite) && mean > 0) {
          const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
          return {
            spec: {
              dist: 'lognormal',
              mu: round(Math.log(mean) - sigma2 / 2),
              sigma: round(Math.sqrt(sigma2)),
            },
            mean,
          };
        }
        break;
      }
      default:
        break;
    }
  }
  return null;
}

function camundaProbability(flow: ModdleElement): number | null {
  for (const extension of extensionsOf(flow)) {
    if (localName(extension.$type) !== 'properties') continue;
    for (const property of extension.$children ?? []) {
      if (
        localName(property.$type) === 'property' &&
        attributeOf(property, 'name')?.toLowerCase() === 'probability'
      ) {
        const value = Number(attributeOf(property, 'value'));
        if (Number.isFinite(value)) return value;
      }
    }
  }
  return null;
}

/** Counts the flow nodes of a process or sub-process, nested ones included. */
function flowNodeCount(container: ModdleElement): number {
  let count = 0;
  for (const element of listOf(container, 'flowElements')) {
    if (kindOf(element) === 'sequenceFlow' || IGNORED_KINDS.has(kindOf(element))) continue;
    count++;
    if (listOf(element, 'flowElements').length > 0) count += flowNodeCount(element);
  }
  return count;
}

/**
 * Reads a BPMN 2.0 file (its bytes, decoded by the declared encoding, or its text) into a
 * blueprint document, with the import report and the validation problems of the result.
 *
 * @example
 * const result = await readBpmn(bytes, { lanes: { Kitchen: 'backstage' } });
 * if (result.ok) open(result.document); else show(result.report.notes);
 */
export async function readBpmn(
  input: Uint8Array | string,
  options: ReadBpmnOptions = {},
): Promise<ReadBpmnResult> {
  const notes: ImportNote[] = [];
  const note = <K extends NoteKey>(key: K, params: NoteParams[K]) =>
    notes.push(importNote(key, params));
  const refuse = (notBpmn: boolean): ReadBpmnResult => ({ ok: false, notBpmn, report: { notes } });

  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    const decoded = decodeXmlBytes(input);
    if (!decoded.ok) {
      if (decoded.reason === 'unsupported-encoding') {
        note('unsupported-encoding', { encoding: decoded.encoding });
      } else {
        note('not-xml', { detail: decoded.detail });
      }
      return refuse(true);
    }
    // Decoded here: the parser must not decode it again by the declaration it still carries.
    text = decoded.text.replace(/^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2');
  }

  const moddle = createModdle();
  let definitions: ModdleElement;
  try {
    const parsed = await moddle.fromXML(text);
    definitions = parsed.rootElement;
    for (const warning of parsed.warnings)
      note('parser-warning', { detail: shortDetail(warning.message) });
  } catch (error) {
    const detail = shortDetail(error instanceof Error ? error.message : String(error));
    note(text.trimStart().startsWith('<') ? 'not-bpmn' : 'not-xml', { detail });
    return refuse(true);
  }
  if (definitions.$type !== 'bpmn:Definitions') {
    note('not-bpmn', { detail: `its root is <${definitions.$type}>` });
    return refuse(true);
  }

  // Which process: the one asked for, else the one with the most flow nodes.
  const processes = listOf(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  const participants = listOf(definitions, 'rootElements')
    .filter((e) => e.$type === 'bpmn:Collaboration')
    .flatMap((c) => listOf(c, 'participants'));
  const poolOf = (process: ModdleElement) =>
    participants.find((p) => elementOf(p, 'processRef') === process);
  const withFlow = processes.filter((p) => flowNodeCount(p) > 0);
  let process: ModdleElement | undefined;
  if (options.processId !== undefined) {
    const wanted = options.processId;
    process = processes.find(
      (p) => textOf(p, 'id') === wanted || textOf(poolOf(p), 'id') === wanted,
    );
    if (!process) {
      const available = processes.map((p) => textOf(poolOf(p), 'id') ?? textOf(p, 'id') ?? '?');
      note('process-not-found', { id: wanted, available });
      return refuse(false);
    }
  } else {
    if (withFlow.length === 0) {
      note('no-process', {});
      return refuse(false);
    }
    process = withFlow.reduce((best, p) => (flowNodeCount(p) > flowNodeCount(best) ? p : best));
    if (withFlow.length > 1) {
      const refFor = (p: ModdleElement) => refOf(poolOf(p) ?? p);
      note('pool-chosen', {
        chosen: refFor(process),
        others: withFlow.filter((p) => p !== process).map(refFor),
        nodes: flowNodeCount(process),
      });
    }
  }
  const pool = poolOf(process);
  const processRef = refOf(pool ?? process);
  const report: ImportReport = { notes, process: processRef };
  const refuseContent = (): ReadBpmnResult => ({ ok: false, notBpmn: false, report });

  const messageFlows = listOf(definitions, 'rootElements')
    .filter((e) => e.$type === 'bpmn:Collaboration')
    .reduce((n, c) => n + listOf(c, 'messageFlows').length, 0);
  if (messageFlows > 0) note('message-flows-ignored', { count: messageFlows });

  // ---- The working graph ----------------------------------------------------------------
  const vertices = new Map<string, Vertex>();
  const flows: { flow: ModdleElement; container: ModdleElement }[] = [];
  const boundaries: { event: ModdleElement; container: ModdleElement }[] = [];
  const ignored = new Map<string, number>();
  const linkCatches = new Map<string, ModdleElement>();
  const linkThrows: ModdleElement[] = [];
  /** Where flows into a sub-process go (its first element), and where its ends lead. */
  const entryOf = new Map<string, string>();
  const exitVertex = new Map<string, string>();
  let intermediates = 0;
  let refused = false;
  const starts: ModdleElement[] = [];

  const addVertex = (
    element: ModdleElement,
    role: Vertex['role'],
    laneHost: ModdleElement,
    id = textOf(element, 'id') ?? '?',
  ): Vertex => {
    const vertex: Vertex = { id, origin: element, role, out: [], incoming: 0, laneHost };
    vertices.set(id, vertex);
    return vertex;
  };

  // Flow counts from the sequence flows themselves (not every modeller writes <incoming>/<outgoing>).
  const outgoingCount = new Map<ModdleElement, number>();
  const incomingCount = new Map<ModdleElement, number>();
  const countFlows = (container: ModdleElement) => {
    for (const element of listOf(container, 'flowElements')) {
      if (kindOf(element) === 'sequenceFlow') {
        const source = elementOf(element, 'sourceRef');
        const target = elementOf(element, 'targetRef');
        if (source) outgoingCount.set(source, (outgoingCount.get(source) ?? 0) + 1);
        if (target) incomingCount.set(target, (incomingCount.get(target) ?? 0) + 1);
      } else if (listOf(element, 'flowElements').length > 0) {
        countFlows(element);
      }
    }
  };
  countFlows(process);

  const walk = (
    container: ModdleElement,
    laneHostOf: (e: ModdleElement) => ModdleElement,
    depth: number,
  ) => {
    const inner = listOf(container, 'flowElements');
    const innerStarts: ModdleElement[] = [];
    for (const element of inner) {
      const kind = kindOf(element);
      const host = laneHostOf(element);
      if (kind === 'sequenceFlow') {
        flows.push({ flow: element, container });
        continue;
      }
      if (IGNORED_KINDS.has(kind)) {
        ignored.set(kind, (ignored.get(kind) ?? 0) + 1);
        continue;
      }
      if (element.isForCompensation === true) {
        note('compensation-dropped', { element: refOf(element) });
        continue;
      }
      if (TASK_KINDS.has(kind)) {
        addVertex(element, { kind: 'step' }, host);
        const loop = elementOf(element, 'loopCharacteristics');
        if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
          note('multi-instance', {
            element: refOf(element),
            sequential: loop.isSequential === true,
          });
        } else if (loop?.$type === 'bpmn:StandardLoopCharacteristics') {
          note('standard-loop', { element: refOf(element) });
        }
        continue;
      }
      switch (kind) {
        case 'subProcess':
        case 'transaction': {
          if (element.triggeredByEvent === true) {
            note('event-sub-process-dropped', { element: refOf(element) });
            continue;
          }
          if (listOf(element, 'flowElements').length === 0) {
            // A collapsed sub-process whose content the file does not hold: one activity.
            addVertex(element, { kind: 'step' }, host);
            continue;
          }
          note('sub-process-flattened', { element: refOf(element) });
          if (elementOf(element, 'loopCharacteristics'))
            note('multi-instance', { element: refOf(element), sequential: true });
          const id = textOf(element, 'id') ?? '?';
          // The sub-process itself is the vertex its inner ends lead to.
          addVertex(element, { kind: 'pass' }, host);
          walk(element, () => host, depth + 1);
          const entry = [...vertices.values()].find(
            (v) => v.origin.$parent === element && kindOf(v.origin) === 'startEvent',
          );
          if (entry) {
            entryOf.set(id, entry.id);
          } else {
            const firsts = listOf(element, 'flowElements').filter(
              (e) =>
                kindOf(e) !== 'sequenceFlow' &&
                vertices.has(textOf(e, 'id') ?? '') &&
                (incomingCount.get(e) ?? 0) === 0 &&
                kindOf(e) !== 'boundaryEvent',
            );
            if (firsts.length === 1) {
              entryOf.set(id, textOf(firsts[0], 'id')!);
            } else {
              note('no-start', { scope: refOf(element) });
              refused = true;
            }
          }
          exitVertex.set(id, id);
          continue;
        }
        case 'adHocSubProcess':
          note('unsupported-element', { element: refOf(element) });
          addVertex(element, { kind: 'pass' }, host);
          refused = true;
          continue;
        case 'startEvent':
          if (depth === 0) {
            starts.push(element);
            addVertex(element, { kind: 'start' }, host);
          } else {
            innerStarts.push(element);
            addVertex(element, { kind: 'pass' }, host);
          }
          continue;
        case 'endEvent': {
          const trigger = eventTrigger(element);
          const failure = trigger === 'error' || trigger === 'terminate';
          if (trigger === 'terminate') note('terminate-end', { element: refOf(element) });
          if (trigger === 'compensate') note('compensation-dropped', { element: refOf(element) });
          // A plain end inside a sub-process leads on to whatever follows the sub-process.
          const parent = element.$parent;
          const leadsOn =
            depth > 0 && !failure && parent !== undefined && (outgoingCount.get(parent) ?? 0) > 0;
          addVertex(element, leadsOn ? { kind: 'pass' } : { kind: 'end', failure }, host);
          if (leadsOn)
            vertices
              .get(textOf(element, 'id')!)!
              .out.push({ flow: null, target: `exit:${textOf(parent, 'id')}` });
          continue;
        }
        case 'intermediateThrowEvent':
        case 'intermediateCatchEvent': {
          intermediates++;
          const trigger = eventTrigger(element);
          if (trigger === 'compensate') note('compensation-dropped', { element: refOf(element) });
          addVertex(element, { kind: 'pass' }, host);
          if (trigger === 'link') {
            const linkName =
              textOf(listOf(element, 'eventDefinitions')[0], 'name') ??
              textOf(element, 'name') ??
              '';
            if (kind === 'intermediateCatchEvent') linkCatches.set(linkName, element);
            else linkThrows.push(element);
          }
          continue;
        }
        case 'boundaryEvent':
          boundaries.push({ event: element, container });
          continue;
        case 'exclusiveGateway':
          addVertex(element, { kind: 'decision' }, host);
          continue;
        case 'parallelGateway':
          addVertex(element, { kind: 'parallel' }, host);
          continue;
        case 'inclusiveGateway':
        case 'eventBasedGateway':
        case 'complexGateway':
          note('unsupported-gateway', { element: refOf(element) });
          // Kept in the graph, so that its flows are not reported as dangling as well.
          addVertex(element, { kind: 'pass' }, host);
          refused = true;
          continue;
        default:
          note('unsupported-element', { element: refOf(element) });
          addVertex(element, { kind: 'pass' }, host);
          refused = true;
      }
    }
    if (depth > 0 && innerStarts.length > 1) {
      note('several-starts', { starts: innerStarts.map(refOf) });
      refused = true;
    }
  };

  // Lanes: each flow node's innermost lane.
  const laneOfElement = new Map<ModdleElement, ModdleElement>();
  const laneParent = new Map<ModdleElement, ModdleElement>();
  const allLanes: ModdleElement[] = [];
  const collectLanes = (laneSet: ModdleElement | undefined, parent: ModdleElement | undefined) => {
    for (const lane of listOf(laneSet, 'lanes')) {
      allLanes.push(lane);
      if (parent) laneParent.set(lane, parent);
      for (const node of listOf(lane, 'flowNodeRef')) laneOfElement.set(node, lane);
      collectLanes(elementOf(lane, 'childLaneSet'), lane);
    }
  };
  for (const laneSet of listOf(process, 'laneSets')) collectLanes(laneSet, undefined);

  walk(process, (element) => element, 0);
  for (const artifact of listOf(process, 'artifacts')) {
    const kind = kindOf(artifact);
    ignored.set(kind, (ignored.get(kind) ?? 0) + 1);
  }
  if (ignored.size > 0) {
    note('ignored-elements', {
      count: [...ignored.values()].reduce((a, b) => a + b, 0),
      kinds: [...ignored.keys()],
    });
  }
  if (intermediates > 0) note('intermediate-passed', { count: intermediates });

  const chosenStart = starts.find((start) => textOf(start, 'id') === options.startId);
  if (starts.length > 1 && chosenStart) {
    const others = starts.filter((start) => start !== chosenStart);
    note('start-chosen', { chosen: refOf(chosenStart), others: others.map(refOf) });
    // The others pass their flow on to nowhere the chosen start does not reach.
    for (const start of others) vertices.get(textOf(start, 'id')!)!.role = { kind: 'pass' };
    starts.splice(0, starts.length, chosenStart);
  } else if (starts.length > 1) {
    note('several-starts', { starts: starts.map(refOf) });
    refused = true;
  } else if (starts.length === 0) {
    note('no-start', { scope: null });
    refused = true;
  }

  // Sequence flows, redirected into sub-processes.
  const targetId = (element: ModdleElement | undefined): string | null => {
    const id = textOf(element, 'id');
    if (id === undefined) return null;
    return entryOf.get(id) ?? (vertices.has(id) ? id : null);
  };
  const exitOut = new Map<string, { flow: ModdleElement; target: string }[]>();
  for (const { flow } of flows) {
    const source = elementOf(flow, 'sourceRef');
    const sourceId = textOf(source, 'id');
    const target = targetId(elementOf(flow, 'targetRef'));
    const isBoundarySource = source !== undefined && kindOf(source) === 'boundaryEvent';
    if (
      sourceId === undefined ||
      target === null ||
      (!vertices.has(sourceId) && !isBoundarySource)
    ) {
      note('dangling-flow', { flow: refOf(flow) });
      continue;
    }
    vertices.get(target)!.incoming++;
    if (isBoundarySource) continue; // followed from the boundary event below
    const from = vertices.get(sourceId)!;
    if (exitVertex.has(sourceId)) {
      const list = exitOut.get(sourceId) ?? [];
      list.push({ flow, target });
      exitOut.set(sourceId, list);
      continue;
    }
    if (from.role.kind === 'end') {
      note('flow-from-end', { element: refOf(from.origin) });
      continue;
    }
    from.out.push({ flow, target });
  }
  // A sub-process's exit: its plain inner ends lead to its one outgoing flow.
  for (const [subId] of exitVertex) {
    const outs = exitOut.get(subId) ?? [];
    const sub = vertices.get(subId)!;
    if (outs.length > 1) {
      note('sub-process-outgoing', { element: refOf(sub.origin), count: outs.length });
      refused = true;
      continue;
    }
    vertices.delete(subId);
    if (outs.length === 0) continue;
    const exitId = `exit:${subId}`;
    const exit: Vertex = {
      id: exitId,
      origin: sub.origin,
      role: { kind: 'pass' },
      out: outs,
      incoming: 0,
      laneHost: sub.laneHost,
    };
    vertices.set(exitId, exit);
  }
  for (const thrown of linkThrows) {
    const name =
      textOf(listOf(thrown, 'eventDefinitions')[0], 'name') ?? textOf(thrown, 'name') ?? '';
    const caught = linkCatches.get(name);
    const vertex = vertices.get(textOf(thrown, 'id')!)!;
    if (!caught) {
      note('link-unmatched', { element: refOf(thrown) });
      refused = true;
    } else {
      vertex.out.push({ flow: null, target: textOf(caught, 'id')! });
    }
  }

  // Boundary events: error and escalation become failure edges of their step.
  const failureOut = new Map<string, { flow: ModdleElement | null; target: string }>();
  for (const { event } of boundaries) {
    const host = elementOf(event, 'attachedToRef');
    const hostVertex = vertices.get(textOf(host, 'id') ?? '');
    const trigger = eventTrigger(event) ?? 'none';
    const outgoing = flows.filter(({ flow }) => elementOf(flow, 'sourceRef') === event);
    if (trigger === 'compensate') {
      note('compensation-dropped', { element: refOf(event) });
      continue;
    }
    if ((trigger !== 'error' && trigger !== 'escalation') || hostVertex?.role.kind !== 'step') {
      note('boundary-dropped', {
        element: refOf(event),
        host: host ? refOf(host) : refOf(event),
        trigger,
      });
      continue;
    }
    if (outgoing.length === 0) continue; // an uncaught failure ends the trial at the step anyway
    if (failureOut.has(hostVertex.id) || outgoing.length > 1) {
      note('second-failure-boundary', { element: refOf(event), host: refOf(host!) });
      refused = true;
      continue;
    }
    const target = targetId(elementOf(outgoing[0].flow, 'targetRef'));
    if (target !== null) failureOut.set(hostVertex.id, { flow: outgoing[0].flow, target });
  }
  if (refused) return refuseContent();

  /** Moves a vertex's outgoing flows onto a parallel split placed right after it. */
  const splitAfter = (vertex: Vertex) => {
    const split: Vertex = {
      id: `${vertex.id}_split`,
      origin: vertex.origin,
      role: { kind: 'parallel' },
      out: vertex.out,
      incoming: 1,
      laneHost: vertex.laneHost,
    };
    vertices.set(split.id, split);
    vertex.out = [{ flow: null, target: split.id }];
  };

  // Gateways and implicit splits take their final roles from their flows.
  for (const vertex of [...vertices.values()]) {
    const outs = vertex.out.length;
    const kind = vertex.role.kind;
    if (kind === 'decision') {
      if (outs <= 1) vertex.role = outs === 0 ? { kind: 'end', failure: false } : { kind: 'pass' };
    } else if (kind === 'parallel') {
      if (outs === 0) vertex.role = { kind: 'end', failure: false };
      else if (
        vertex.incoming >= 2 &&
        outs >= 2 &&
        failpointFields(vertex.origin)?.json?.type !== 'parallel'
      ) {
        note('gateway-both', { element: refOf(vertex.origin) });
        splitAfter(vertex);
        vertex.role = { kind: 'join' };
      } else if (vertex.incoming >= 2) vertex.role = { kind: 'join' };
      else if (outs === 1) vertex.role = { kind: 'pass' };
    } else if (kind !== 'end' && outs > 1) {
      note('implicit-split', { element: refOf(vertex.origin), branches: outs });
      splitAfter(vertex);
    } else if (kind === 'pass' && outs === 0) {
      vertex.role = { kind: 'end', failure: false };
    }
  }

  // An activity with no outgoing flow ends its path (BPMN's implicit end): give it an end.
  for (const vertex of [...vertices.values()]) {
    if (vertex.role.kind !== 'step' || vertex.out.length > 0) continue;
    if (vertex.id !== textOf(vertex.origin, 'id')) continue;
    note('implicit-end', { element: refOf(vertex.origin) });
    const end: Vertex = {
      id: `${vertex.id}_end`,
      origin: vertex.origin,
      role: { kind: 'end', failure: false },
      out: [],
      incoming: 1,
      laneHost: vertex.laneHost,
    };
    vertices.set(end.id, end);
    vertex.out = [{ flow: null, target: end.id }];
  }

  // Follow pass-through vertices to the blueprint node a flow really leads to.
  const resolve = (start: string): string | null => {
    let current = start;
    const seen = new Set<string>();
    while (vertices.get(current)?.role.kind === 'pass') {
      if (seen.has(current)) {
        note('gateway-cycle', { element: refOf(vertices.get(current)!.origin) });
        return null;
      }
      seen.add(current);
      current = vertices.get(current)!.out[0].target;
    }
    return vertices.has(current) ? current : null;
  };

  // ---- Blueprint nodes and edges ---------------------------------------------------------
  const simulation = readSimulationData(definitions);
  const kept = [...vertices.values()].filter((v) => v.role.kind !== 'pass');
  const usedIds = new Set<string>();
  const blueprintId = new Map<string, string>();
  const fieldsOf = new Map<string, FailpointFields | null>();
  for (const vertex of kept) {
    const fields =
      vertex.id === textOf(vertex.origin, 'id') ? failpointFields(vertex.origin) : null;
    fieldsOf.set(vertex.id, fields);
    const wanted = typeof fields?.json?.id === 'string' ? fields.json.id : vertex.id;
    blueprintId.set(vertex.id, wanted);
    usedIds.add(wanted);
  }
  const freshId = (base: string) => {
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}_${n}`;
    usedIds.add(id);
    return id;
  };

  // Lanes.
  const explicit = new Map<string, Lane>();
  const usedMapKeys = new Set<string>();
  for (const [name, lane] of Object.entries(options.lanes ?? {}))
    explicit.set(name.trim().toLowerCase(), lane);
  const laneDecision = new Map<ModdleElement, Lane>();
  const laneFor = (lane: ModdleElement): Lane => {
    const known = laneDecision.get(lane);
    if (known) return known;
    const name = textOf(lane, 'name')?.trim() ?? '';
    const byMap =
      explicit.get(name.toLowerCase()) ?? explicit.get((textOf(lane, 'id') ?? '').toLowerCase());
    let decided: Lane;
    if (byMap) {
      usedMapKeys.add(
        explicit.has(name.toLowerCase())
          ? name.toLowerCase()
          : (textOf(lane, 'id') ?? '').toLowerCase(),
      );
      decided = byMap;
      note('lane-mapped', { lane: refOf(lane), to: byMap, explicit: true });
    } else {
      const own = failpointFields(lane)?.lane;
      const ownLane = (LANES as readonly string[]).includes(own ?? '') ? (own as Lane) : null;
      const byName = ownLane ?? laneByName(name);
      const parent = laneParent.get(lane);
      if (byName) {
        decided = byName;
        if (!ownLane) note('lane-mapped', { lane: refOf(lane), to: byName, explicit: false });
      } else if (parent) {
        decided = laneFor(parent);
      } else {
        decided = 'backstage';
        note('lane-default', { lane: refOf(lane) });
      }
    }
    laneDecision.set(lane, decided);
    return decided;
  };
  const laneless = new Set<string>();
  const mappedLane = new Map<string, Lane>();
  for (const vertex of kept) {
    const lane = laneOfElement.get(vertex.laneHost);
    if (lane) {
      mappedLane.set(vertex.id, laneFor(lane));
    } else {
      laneless.add(vertex.id);
      mappedLane.set(vertex.id, 'backstage');
    }
  }
  for (const key of explicit.keys()) {
    if (!usedMapKeys.has(key)) {
      const original =
        Object.keys(options.lanes ?? {}).find((k) => k.trim().toLowerCase() === key) ?? key;
      note('lane-map-unused', { name: original });
    }
  }

  const nodes: NodeSpec[] = [];
  const defaultReliability: BpmnElementRef[] = [];
  let defaultReliabilityCount = 0;
  for (const vertex of kept) {
    const id = blueprintId.get(vertex.id)!;
    const fields = fieldsOf.get(vertex.id) ?? null;
    const role = vertex.role;
    const type: NodeSpec['type'] =
      role.kind === 'pass' ? 'step' : role.kind === 'end' ? 'end' : role.kind;
    const json = fields?.json && fields.json.type === type ? fields.json : null;
    const node = { ...(json ?? {}), id, type } as NodeSpec & Record<string, unknown>;
    delete node.label;
    const name =
      vertex.id === textOf(vertex.origin, 'id') ? textOf(vertex.origin, 'name') : undefined;
    if (name !== undefined) node.label = name;
    else if (vertex.id !== textOf(vertex.origin, 'id') && role.kind === 'parallel')
      node.label = textOf(vertex.origin, 'name') ?? node.label;
    if (node.label === undefined) delete node.label;
    const lane = mappedLane.get(vertex.id)!;
    if (!json || laneOf(json as Pick<NodeSpec, 'lane'>) !== lane) node.lane = lane;
    if (!json) {
      const notesText = documentation(vertex.origin);
      if (notesText !== undefined && vertex.id === textOf(vertex.origin, 'id'))
        node.notes = notesText;
      if (role.kind === 'end' && role.failure) (node as { outcome?: string }).outcome = 'failure';
      if (type === 'step') {
        if (fields?.reliability !== undefined) {
          (node as { reliability?: number | string }).reliability = numberOrExpression(
            fields.reliability,
          );
        } else {
          defaultReliabilityCount++;
          if (defaultReliability.length < MAX_LISTED) defaultReliability.push(refOf(vertex.origin));
        }
        const duration = simulation.bpsimDuration.get(vertex.id);
        if (duration) {
          (node as { duration?: QuantitySpec }).duration = duration;
          note('duration-from-bpsim', {
            element: refOf(vertex.origin),
            minutes: round(simulation.bpsimMeanMinutes.get(vertex.id)!),
          });
        }
      }
      if (type === 'join' && fields?.k !== undefined) (node as { k?: number }).k = fields.k;
    } else if (json.outcome === undefined && role.kind === 'end' && role.failure) {
      (node as { outcome?: string }).outcome = 'failure';
    } else if (role.kind === 'end' && !role.failure && json.outcome === 'failure') {
      delete (node as { outcome?: string }).outcome;
    }
    nodes.push(node);
  }
  if (defaultReliabilityCount > 0) {
    note('reliability-default', { count: defaultReliabilityCount, steps: defaultReliability });
  }

  // Edges.
  const edges: EdgeSpec[] = [];
  const edgeFields = (flow: ModdleElement | null) => (flow ? failpointFields(flow) : null);
  const makeEdge = (
    source: Vertex,
    link: { flow: ModdleElement | null; target: string },
    kind: 'normal' | 'failure',
  ): EdgeSpec | null => {
    const resolved = resolve(link.target);
    if (resolved === null) return null;
    const fields = edgeFields(link.flow);
    const json = fields?.json ?? null;
    const sourceId = blueprintId.get(source.id)!;
    const targetId2 = blueprintId.get(resolved)!;
    const wantedId =
      typeof json?.id === 'string' && !usedIds.has(json.id)
        ? json.id
        : link.flow
          ? (textOf(link.flow, 'id') ?? `${sourceId}-${targetId2}`)
          : `${sourceId}-${targetId2}`;
    const edge = {
      ...(json ?? {}),
      id: freshId(wantedId),
      source: sourceId,
      target: targetId2,
    } as EdgeSpec & Record<string, unknown>;
    delete edge.label;
    const name = link.flow ? textOf(link.flow, 'name') : undefined;
    if (name !== undefined) edge.label = name;
    if (kind === 'failure') edge.kind = 'failure';
    else if (edge.kind === 'failure') delete edge.kind;
    if (source.role.kind !== 'decision') delete edge.probability;
    else if (json === null && fields?.probability !== undefined)
      edge.probability = numberOrExpression(fields.probability);
    if (json === null && link.flow) {
      const notesText = documentation(link.flow);
      if (notesText !== undefined) edge.notes = notesText;
    }
    return edge;
  };
  let cycle = false;
  // Edges keep the order of their flows in the file (links made by the import come last).
  const flowOrder = new Map(flows.map(({ flow }, index) => [flow, index]));
  const ordered: { edge: EdgeSpec; order: number }[] = [];
  const orderOf = (flow: ModdleElement | null) =>
    flow === null ? flows.length : (flowOrder.get(flow) ?? flows.length);
  for (const vertex of kept) {
    const made: { edge: EdgeSpec; flow: ModdleElement | null }[] = [];
    for (const link of vertex.out) {
      const edge = makeEdge(vertex, link, 'normal');
      if (edge === null) cycle = true;
      else made.push({ edge, flow: link.flow });
    }
    const failure = failureOut.get(vertex.id);
    if (failure) {
      const edge = makeEdge(vertex, failure, 'failure');
      if (edge === null) cycle = true;
      else ordered.push({ edge, order: orderOf(failure.flow) });
    }
    if (vertex.role.kind === 'decision') assignProbabilities(vertex, made, simulation, note);
    for (const m of made) ordered.push({ edge: m.edge, order: orderOf(m.flow) });
  }
  ordered.sort((a, b) => a.order - b.order);
  edges.push(...ordered.map((o) => o.edge));
  if (cycle) return refuseContent();

  // Drop what can no longer be reached from the start (paths of dropped boundary events).
  const startId = blueprintId.get(textOf(starts[0], 'id')!)!;
  const reachable = new Set<string>([startId]);
  const outgoing = new Map<string, string[]>();
  for (const edge of edges) {
    const list = outgoing.get(edge.source) ?? [];
    list.push(edge.target);
    outgoing.set(edge.source, list);
  }
  const queue = [startId];
  while (queue.length > 0) {
    for (const next of outgoing.get(queue.pop()!) ?? []) {
      if (!reachable.has(next)) {
        reachable.add(next);
        queue.push(next);
      }
    }
  }
  const unreachable = kept.filter((v) => !reachable.has(blueprintId.get(v.id)!));
  let finalNodes = nodes;
  let finalEdges = edges;
  if (unreachable.length > 0) {
    note('unreachable-dropped', {
      count: unreachable.length,
      elements: unreachable.slice(0, MAX_LISTED).map((v) => refOf(v.origin)),
    });
    finalNodes = nodes.filter((n) => reachable.has(n.id));
    finalEdges = edges.filter((e) => reachable.has(e.source) && reachable.has(e.target));
  }

  // Counted once the unreachable are gone, so the number is that of the blueprint's nodes.
  const lanelessKept = kept.filter(
    (v) => laneless.has(v.id) && reachable.has(blueprintId.get(v.id)!),
  ).length;
  if (lanelessKept > 0) note('no-lane', { count: lanelessKept });

  const shapes = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const diagram of listOf(definitions, 'diagrams')) {
    for (const planeElement of listOf(elementOf(diagram, 'plane'), 'planeElement')) {
      const bounds = elementOf(planeElement, 'bounds');
      const element = elementOf(planeElement, 'bpmnElement');
      const id = textOf(element, 'id');
      if (bounds && id !== undefined) {
        shapes.set(id, {
          x: Number(bounds.x),
          y: Number(bounds.y),
          width: Number(bounds.width),
          height: Number(bounds.height),
        });
      }
    }
  }
  const originShape = (vertex: Vertex) => shapes.get(textOf(vertex.origin, 'id') ?? '');
  const keptByNode = new Map(kept.map((v) => [blueprintId.get(v.id)!, v]));

  // Parallel branches that end at their own end events are gathered into a join.
  const gathered = gatherParallelEnds(finalNodes, finalEdges, {
    refOf: (id) => refOf(keptByNode.get(id)!.origin),
    freshId,
    rank: (id) => originShape(keptByNode.get(id)!)?.x ?? 0,
    note,
  });
  if (gathered === null) return refuseContent();
  finalNodes = gathered.nodes;
  finalEdges = gathered.edges;
  for (const made of gathered.added) {
    const beside = keptByNode.get(made.beside)!;
    keptByNode.set(made.id, { ...beside, id: made.id, slot: made.slot, out: [] });
  }

  // Positions: the extension's when the diagram still agrees with them, else the diagram's
  // placed into the bands, else an automatic layout.
  const extensionPositionsHold = finalNodes.every((node) => {
    const shape = originShape(keptByNode.get(node.id)!);
    if (!node.position || !shape) return false;
    const size = BPMN_SHAPE_SIZES[node.type];
    const drawn = NODE_SIZES[node.type];
    return (
      Math.abs(shape.x + shape.width / 2 - (node.position.x + drawn.width / 2)) < 0.5 &&
      Math.abs(shape.y + shape.height / 2 - (node.position.y + drawn.height / 2)) < 0.5 &&
      Math.abs(shape.width - size.width) < 0.5
    );
  });
  if (!extensionPositionsHold) {
    const everyShape = finalNodes.every(
      (node) => originShape(keptByNode.get(node.id)!) !== undefined,
    );
    if (everyShape) {
      // A node the import added (the split of a merging gateway, an implicit end, a join
      // gathering branch ends) is drawn right of the element it comes from, a place per slot.
      const shapeFor = (node: NodeSpec) => {
        const vertex = keptByNode.get(node.id)!;
        const shape = originShape(vertex)!;
        const slot = vertex.slot ?? (vertex.id === textOf(vertex.origin, 'id') ? 0 : 1);
        return slot === 0
          ? shape
          : { ...shape, x: shape.x + shape.width + 40 + (slot - 1) * 116, width: 36 };
      };
      const placed = placeDiagram(finalNodes, shapeFor);
      finalNodes = finalNodes.map((node) => ({ ...node, position: placed.get(node.id)! }));
    } else {
      note('no-diagram', {});
      const stripped = finalNodes.map((node) => {
        const copy = { ...node };
        delete copy.position;
        return copy;
      });
      const document = blueprintOf(process, pool, stripped, finalEdges);
      const layout = quickLayout(document);
      finalNodes = stripped.map((node) => ({ ...node, position: layout.get(node.id)! }));
    }
  }

  const document = blueprintOf(process, pool, finalNodes, finalEdges);
  const validated = validateDocument(document);
  return {
    ok: true,
    document,
    report,
    diagnostics: validated.ok ? [] : validated.diagnostics,
  };
}

/**
 * The document around the nodes and edges: title, description, parameters, scenarios, and the
 * economics and improvement options.
 */
function blueprintOf(
  process: ModdleElement,
  pool: ModdleElement | undefined,
  nodes: NodeSpec[],
  edges: EdgeSpec[],
): BlueprintDocument {
  const found = extensionsOf(process).find((e) => e.$type === 'failpoint:Blueprint');
  let extension: Partial<BlueprintDocument> = {};
  const body = textOf(found, 'json');
  if (body !== undefined) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        extension = parsed as Partial<BlueprintDocument>;
      }
    } catch {
      extension = {};
    }
  }
  const document: BlueprintDocument = {
    format: BLUEPRINT_FORMAT,
    version: BLUEPRINT_VERSION,
    nodes,
    edges,
  };
  if (found) {
    const kept = [
      'title',
      'description',
      'parameters',
      'scenarios',
      'economics',
      'options',
      'notes',
    ] as const;
    for (const key of kept) {
      if (extension[key] !== undefined) (document as Record<string, unknown>)[key] = extension[key];
    }
  } else {
    const title = textOf(pool, 'name') ?? textOf(process, 'name');
    if (title) document.title = title;
    const description = documentation(process);
    if (description) document.description = description;
  }
  return document;
}

/** Branch probabilities of a decision, from the first source that gives them all. */
function assignProbabilities(
  gateway: Vertex,
  made: { edge: EdgeSpec; flow: ModdleElement | null }[],
  simulation: SimulationData,
  note: <K extends NoteKey>(key: K, params: NoteParams[K]) => void,
): void {
  const gatewayRef = refOf(gateway.origin);
  if (made.every((m) => m.edge.probability !== undefined)) return; // Failpoint's own extension
  const sources: { source: ProbabilitySource; value: (flow: ModdleElement) => number | null }[] = [
    {
      source: 'failpoint',
      value: (flow) => {
        const p = failpointFields(flow)?.probability;
        return p === undefined ? null : Number(p);
      },
    },
    {
      source: 'bpsim',
      value: (flow) => simulation.bpsimProbability.get(textOf(flow, 'id') ?? '') ?? null,
    },
    {
      source: 'qbp',
      value: (flow) => simulation.qbpProbability.get(textOf(flow, 'id') ?? '') ?? null,
    },
    { source: 'camunda', value: camundaProbability },
  ];
  for (const { source, value } of sources) {
    const values = made.map((m) => (m.flow ? value(m.flow) : null));
    if (values.some((v) => v === null || !Number.isFinite(v) || v < 0)) continue;
    const numbers = values as number[];
    const percent = source !== 'failpoint' && numbers.some((v) => v > 1);
    const scaled = percent ? numbers.map((v) => v / 100) : numbers;
    const sum = scaled.reduce((a, b) => a + b, 0);
    if (sum <= 0) continue;
    if (source !== 'failpoint')
      note('probability-source', { gateway: gatewayRef, source, percent });
    if (Math.abs(sum - 1) > 1e-9) {
      note('probability-normalised', {
        gateway: gatewayRef,
        source,
        sum: round(percent ? sum * 100 : sum),
      });
      made.forEach((m, i) => (m.edge.probability = scaled[i] / sum));
    } else {
      made.forEach((m, i) => (m.edge.probability = scaled[i]));
    }
    return;
  }
  note('probability-equal-split', { gateway: gatewayRef, branches: made.length });
  made.forEach((m) => (m.edge.probability = 1 / made.length));
}

/** Horizontal scale from BPMN's 100-pixel tasks to the blueprint's wider step cards. */
const X_SCALE = NODE_SIZES.step.width / 100;

/**
 * Places nodes drawn in a BPMN diagram into the blueprint's lane bands: left to right as drawn
 * (widened to the blueprint's cards), and within each band at the heights they had relative to
 * the highest element of that lane, the bands stacked as `computeLaneBands` derives them.
 */
function placeDiagram(
  nodes: readonly NodeSpec[],
  shapeOf: (node: NodeSpec) => { x: number; y: number; width: number; height: number },
): Map<string, Position> {
  const centres = new Map(
    nodes.map((node) => {
      const s = shapeOf(node);
      return [node.id, { x: s.x + s.width / 2, y: s.y + s.height / 2 }];
    }),
  );
  // Folded rather than spread: a spread of more than about 120,000 values overflows the stack.
  let minX = Infinity;
  for (const centre of centres.values()) minX = Math.min(minX, centre.x);
  const positions = new Map<string, Position>();
  let top = 0;
  for (const lane of LANES) {
    const members = nodes.filter((node) => laneOf(node) === lane);
    const minTop = Math.min(
      ...members.map((node) => centres.get(node.id)!.y - NODE_SIZES[node.type].height / 2),
    );
    let bottom = -Infinity;
    for (const node of members) {
      const size = NODE_SIZES[node.type];
      const centre = centres.get(node.id)!;
      const y = Math.round(top + LANE_PADDING + (centre.y - size.height / 2 - minTop));
      const x = Math.round(
        NODE_SIZES.step.width / 2 + (centre.x - minX) * X_SCALE - size.width / 2,
      );
      positions.set(node.id, { x, y });
      bottom = Math.max(bottom, y + size.height);
    }
    const height = Math.max(
      LANE_MIN_HEIGHT,
      members.length === 0 ? 0 : bottom + LANE_PADDING - top,
    );
    top += height;
  }
  return positions;
}
