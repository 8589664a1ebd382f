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

/**
 * Whether a file looks like BPMN rather than a blueprint: its name ends in `.bpmn` or `.xml`, or
 * its first non-blank character is `<` (a blueprint is JSON and starts with `{`).
 */
export function looksLikeBpmn(name: string, head: Uint8Array | string): boolean {
  if (/\.(bpmn|bpmn2|xml)$/i.test(name)) return true;
  const text =
    typeof head === 'string' ? head.slice(0, 64) : String.fromCharCode(...head.subarray(0, 64));
  // Byte order marks and the zero bytes of UTF-16 are not content.
  const noise = new Set([0x00, 0xbb, 0xbf, 0xef, 0xfe, 0xff, 0xfeff]);
  const content = [...text].filter((c) => !noise.has(c.charCodeAt(0))).join('');
  return content.trimStart().startsWith('<');
}
