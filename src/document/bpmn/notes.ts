/**
 * The import report of a BPMN file: every approximation, default, dropped element, parser
 * warning and refusal as a coded note (`BPMN001`…) with the values it names, never as finished
 * text in one language. Sentences come from the English and Chinese catalogues
 * (`notes-en.ts`, `notes-zh.ts`), which must give one for every key (a missing one is a compile
 * error), as the blueprint diagnostics do in `src/sim/diagnostics`.
 */
import type { Lane } from '../../sim/model';
import { noteSentencesEn } from './notes-en';
import { noteSentencesZh } from './notes-zh';

/** A BPMN element as a sentence names it: its kind (`userTask`…), its id and its name. */
export interface BpmnElementRef {
  id: string;
  /** The BPMN type without its prefix, e.g. `exclusiveGateway`. */
  kind: string;
  /** Present when the element has a non-empty name. */
  name?: string;
}

/** Where branch probabilities were read from, in the order they are looked for. */
export type ProbabilitySource = 'failpoint' | 'bpsim' | 'qbp' | 'camunda';

/** The values each note's sentence names. */
export interface NoteParams {
  'not-xml': { detail: string };
  'not-bpmn': { detail: string };
  'unsupported-encoding': { encoding: string };
  'parser-warning': { detail: string };
  'no-process': Record<string, never>;
  'process-not-found': { id: string; available: string[] };
  'pool-chosen': { chosen: BpmnElementRef; others: BpmnElementRef[]; nodes: number };
  'several-starts': { starts: BpmnElementRef[] };
  'no-start': { scope: BpmnElementRef | null };
  'unsupported-gateway': { element: BpmnElementRef };
  'unsupported-element': { element: BpmnElementRef };
  'boundary-dropped': { element: BpmnElementRef; host: BpmnElementRef; trigger: string };
  'second-failure-boundary': { element: BpmnElementRef; host: BpmnElementRef };
  'multi-instance': { element: BpmnElementRef; sequential: boolean };
  'standard-loop': { element: BpmnElementRef };
  'compensation-dropped': { element: BpmnElementRef };
  'probability-equal-split': { gateway: BpmnElementRef; branches: number };
  'probability-normalised': { gateway: BpmnElementRef; source: ProbabilitySource; sum: number };
  'probability-source': { gateway: BpmnElementRef; source: ProbabilitySource; percent: boolean };
  'reliability-default': { count: number; steps: BpmnElementRef[] };
  'lane-mapped': { lane: BpmnElementRef; to: Lane; explicit: boolean };
  'lane-default': { lane: BpmnElementRef };
  'no-lane': { count: number };
  'lane-map-unused': { name: string };
  'no-diagram': Record<string, never>;
  'sub-process-flattened': { element: BpmnElementRef };
  'event-sub-process-dropped': { element: BpmnElementRef };
  'implicit-split': { element: BpmnElementRef; branches: number };
  'gateway-both': { element: BpmnElementRef };
  'unreachable-dropped': { count: number; elements: BpmnElementRef[] };
  'terminate-end': { element: BpmnElementRef };
  'intermediate-passed': { count: number };
  'gateway-cycle': { element: BpmnElementRef };
  'dangling-flow': { flow: BpmnElementRef };
  'duration-from-bpsim': { element: BpmnElementRef; minutes: number };
  'ignored-elements': { count: number; kinds: string[] };
  'message-flows-ignored': { count: number };
  'link-unmatched': { element: BpmnElementRef };
  'sub-process-outgoing': { element: BpmnElementRef; count: number };
  'flow-from-end': { element: BpmnElementRef };
  'implicit-end': { element: BpmnElementRef };
  'start-chosen': { chosen: BpmnElementRef; others: BpmnElementRef[] };
  /** `join` is the file's own merge the ends were gathered into; null when one was added. */
  'parallel-ends-joined': {
    split: BpmnElementRef;
    ends: BpmnElementRef[];
    join: BpmnElementRef | null;
  };
  'parallel-failure-end': { split: BpmnElementRef; end: BpmnElementRef };
  'parallel-end-and-join': { split: BpmnElementRef; end: BpmnElementRef; join: BpmnElementRef };
}

export type NoteKey = keyof NoteParams;

/** The stable code of every note. Tests and tools rely on these; sentences may change. */
export const BPMN_NOTE_CODES = {
  'not-xml': 'BPMN001',
  'not-bpmn': 'BPMN002',
  'unsupported-encoding': 'BPMN003',
  'parser-warning': 'BPMN004',
  'no-process': 'BPMN005',
  'process-not-found': 'BPMN006',
  'pool-chosen': 'BPMN007',
  'several-starts': 'BPMN008',
  'no-start': 'BPMN009',
  'unsupported-gateway': 'BPMN010',
  'unsupported-element': 'BPMN011',
  'boundary-dropped': 'BPMN012',
  'second-failure-boundary': 'BPMN013',
  'multi-instance': 'BPMN014',
  'standard-loop': 'BPMN015',
  'compensation-dropped': 'BPMN016',
  'probability-equal-split': 'BPMN017',
  'probability-normalised': 'BPMN018',
  'probability-source': 'BPMN019',
  'reliability-default': 'BPMN020',
  'lane-mapped': 'BPMN021',
  'lane-default': 'BPMN022',
  'no-lane': 'BPMN023',
  'lane-map-unused': 'BPMN024',
  'no-diagram': 'BPMN025',
  'sub-process-flattened': 'BPMN026',
  'event-sub-process-dropped': 'BPMN027',
  'implicit-split': 'BPMN028',
  'gateway-both': 'BPMN029',
  'unreachable-dropped': 'BPMN030',
  'terminate-end': 'BPMN031',
  'intermediate-passed': 'BPMN032',
  'gateway-cycle': 'BPMN033',
  'dangling-flow': 'BPMN034',
  'duration-from-bpsim': 'BPMN035',
  'ignored-elements': 'BPMN036',
  'message-flows-ignored': 'BPMN037',
  'link-unmatched': 'BPMN038',
  'sub-process-outgoing': 'BPMN039',
  'flow-from-end': 'BPMN040',
  'implicit-end': 'BPMN041',
  'start-chosen': 'BPMN042',
  'parallel-ends-joined': 'BPMN043',
  'parallel-failure-end': 'BPMN044',
  'parallel-end-and-join': 'BPMN045',
} as const satisfies Record<NoteKey, `BPMN${string}`>;

export type BpmnNoteCode = (typeof BPMN_NOTE_CODES)[NoteKey];

/**
 * How much a note matters: `refusal` stops the import (the file is not read into a blueprint),
 * `approximation` changes meaning, `default` fills in a missing value, `info` says what was done.
 */
export type NoteSeverity = 'refusal' | 'approximation' | 'default' | 'info';

const SEVERITY: Readonly<Record<NoteKey, NoteSeverity>> = {
  'not-xml': 'refusal',
  'not-bpmn': 'refusal',
  'unsupported-encoding': 'refusal',
  'parser-warning': 'info',
  'no-process': 'refusal',
  'process-not-found': 'refusal',
  'pool-chosen': 'info',
  'several-starts': 'refusal',
  'no-start': 'refusal',
  'unsupported-gateway': 'refusal',
  'unsupported-element': 'refusal',
  'boundary-dropped': 'approximation',
  'second-failure-boundary': 'refusal',
  'multi-instance': 'approximation',
  'standard-loop': 'approximation',
  'compensation-dropped': 'approximation',
  'probability-equal-split': 'default',
  'probability-normalised': 'approximation',
  'probability-source': 'info',
  'reliability-default': 'default',
  'lane-mapped': 'info',
  'lane-default': 'default',
  'no-lane': 'default',
  'lane-map-unused': 'info',
  'no-diagram': 'default',
  'sub-process-flattened': 'info',
  'event-sub-process-dropped': 'approximation',
  'implicit-split': 'approximation',
  'gateway-both': 'info',
  'unreachable-dropped': 'approximation',
  'terminate-end': 'approximation',
  'intermediate-passed': 'info',
  'gateway-cycle': 'refusal',
  'dangling-flow': 'approximation',
  'duration-from-bpsim': 'info',
  'ignored-elements': 'info',
  'message-flows-ignored': 'info',
  'link-unmatched': 'refusal',
  'sub-process-outgoing': 'refusal',
  'flow-from-end': 'approximation',
  'implicit-end': 'info',
  'start-chosen': 'approximation',
  'parallel-ends-joined': 'approximation',
  'parallel-failure-end': 'approximation',
  'parallel-end-and-join': 'refusal',
};

/** One note of an import report. */
export type ImportNote = {
  [K in NoteKey]: {
    code: (typeof BPMN_NOTE_CODES)[K];
    key: K;
    params: NoteParams[K];
    severity: NoteSeverity;
    /** The sentence in English, for logs and tests. */
    message: string;
  };
}[NoteKey];

/** One sentence builder per note key, in one language. */
export type NoteSentences = { [K in NoteKey]: (params: NoteParams[K]) => string };

const CATALOGUES = { en: noteSentencesEn, zh: noteSentencesZh } as const;

/** The languages import notes are written in (those of the diagnostics). */
export type NoteLanguage = keyof typeof CATALOGUES;

/**
 * Records a note: its code, severity and the English sentence.
 *
 * @example
 * importNote('unsupported-gateway', { element: { id: 'G1', kind: 'inclusiveGateway' } })
 * // → { code: 'BPMN010', severity: 'refusal', message: 'The inclusive gateway G1 …' }
 */
export function importNote<K extends NoteKey>(key: K, params: NoteParams[K]): ImportNote {
  const sentence = noteSentencesEn[key] as (p: NoteParams[K]) => string;
  return {
    code: BPMN_NOTE_CODES[key],
    key,
    params,
    severity: SEVERITY[key],
    message: sentence(params),
  } as ImportNote;
}

/** A note's sentence in a language. */
export function noteSentence(note: ImportNote, language: NoteLanguage): string {
  const sentence = CATALOGUES[language][note.key] as (p: typeof note.params) => string;
  return sentence(note.params);
}
