/**
 * BPMN 2.0 interchange (SPEC §7): {@link readBpmn} turns a BPMN file into a blueprint document
 * with its import report, {@link writeBpmn} writes a blueprint as BPMN with nothing lost. Plain
 * ECMAScript on bpmn-moddle, shared by the app and the command line.
 */
export { readBpmn, laneByName } from './read';
export type { ImportReport, ReadBpmnOptions, ReadBpmnResult } from './read';
export { writeBpmn, BPMN_LANE_NAMES } from './write';
export { decodeXmlBytes } from './decode';
export { FAILPOINT_BPMN_URI } from './moddle';
export { BPMN_NOTE_CODES, importNote, noteSentence } from './notes';
export type {
  BpmnElementRef,
  BpmnNoteCode,
  ImportNote,
  NoteKey,
  NoteLanguage,
  NoteParams,
  NoteSeverity,
  ProbabilitySource,
} from './notes';

export { looksLikeBpmn } from './sniff';
