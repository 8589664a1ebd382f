/**
 * BPMN on the command line: `failpoint import FILE.bpmn`, and the branch every other command
 * takes when its file is BPMN rather than a blueprint (the file is imported, its report printed
 * to standard error, and the blueprint it gives is then validated like any other).
 */
import {
  noteSentence,
  readBpmn,
  type BpmnElementRef,
  type ImportNote,
  type ReadBpmnOptions,
} from '../document/bpmn';
import { diagnosticName, diagnosticSentence } from '../sim/diagnostics';
import { LANES, type Lane } from '../sim/model';
import { problemCount } from '../sim/parse';
import { parseCommandArgs } from './args';
import { writeJsonDocument, shown } from './escape';
import { EXIT, UsageError, type CliIO } from './io';
import type { CliLanguage } from './language';
import { readFailure } from './load';
import { cliMessages } from './messages';
import { writeOutput } from './output';

const SAY = {
  en: {
    imported: (file: string, process: string, notes: number) =>
      `${shown(file)}: BPMN process ${shown(process)} imported${notes === 0 ? '.' : `, with ${notes} note${notes === 1 ? '' : 's'}:`}`,
    refused: (file: string) => `${shown(file)} cannot be imported from BPMN:`,
    moreInfo: (count: number) =>
      `  (${count} more note${count === 1 ? '' : 's'} on what was mapped; run "failpoint import" to see them)`,
    badLanes: (entry: string) =>
      `--lanes takes "BPMN lane name=blueprint lane" pairs separated by commas, e.g. --lanes "Guest=customer,Kitchen=backstage"; "${shown(entry)}" is not one.`,
    badLane: (lane: string) =>
      `"${shown(lane)}" is not a blueprint lane; the lanes are ${LANES.join(', ')}.`,
    wrote: (path: string) => `Blueprint written to ${shown(path)}.`,
  },
  zh: {
    imported: (file: string, process: string, notes: number) =>
      `${shown(file)}：已导入 BPMN 流程 ${shown(process)}${notes === 0 ? '。' : `，共 ${notes} 条说明：`}`,
    refused: (file: string) => `${shown(file)} 无法从 BPMN 导入：`,
    moreInfo: (count: number) => `  （另有 ${count} 条映射说明；运行“failpoint import”可查看）`,
    badLanes: (entry: string) =>
      `--lanes 接受以逗号分隔的“BPMN 泳道名=蓝图泳道”，例如 --lanes "Guest=customer,Kitchen=backstage"；“${shown(entry)}”不符合格式。`,
    badLane: (lane: string) => `“${shown(lane)}”不是蓝图泳道；可用的泳道有 ${LANES.join('、')}。`,
    wrote: (path: string) => `蓝图已写入 ${shown(path)}。`,
  },
} as const;

/** `Guest=customer, Kitchen=backstage` → `{ Guest: 'customer', Kitchen: 'backstage' }`. */
export function parseLaneMap(text: string, language: CliLanguage): Record<string, Lane> {
  const map: Record<string, Lane> = {};
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue;
    const at = entry.lastIndexOf('=');
    if (at <= 0) throw new UsageError(SAY[language].badLanes(entry.trim()));
    const name = entry.slice(0, at).trim();
    const lane = entry
      .slice(at + 1)
      .trim()
      .toLowerCase();
    if (!(LANES as readonly string[]).includes(lane)) {
      throw new UsageError(SAY[language].badLane(entry.slice(at + 1).trim()));
    }
    map[name] = lane as Lane;
  }
  return map;
}

function processName(process: BpmnElementRef | undefined): string {
  if (!process) return '?';
  return process.name ? `"${process.name}" (${process.id})` : process.id;
}

/** One line per note: `BPMN017  The exclusive gateway …`. */
export function formatNotes(notes: readonly ImportNote[], language: CliLanguage): string {
  return notes.map((n) => `  ${n.code}  ${shown(noteSentence(n, language))}\n`).join('');
}

/** A note for `--json`: its sentence in the chosen language, its code, key and values. */
function noteForJson(note: ImportNote, language: CliLanguage) {
  return { ...note, message: noteSentence(note, language) };
}

/**
 * Imports a BPMN file for a command other than `import`: the blueprint as JSON text, or the exit
 * code after the refusal was printed (2 when the file is not BPMN at all, 1 when its content is
 * refused). Approximations and defaults are printed to standard error; notes that only say what
 * was mapped are counted.
 */
export async function importForCommand(
  path: string,
  bytes: Uint8Array | string,
  io: CliIO,
): Promise<{ ok: true; text: string } | { ok: false; exitCode: number }> {
  const language = io.language ?? 'en';
  const say = SAY[language];
  const result = await readBpmn(bytes);
  if (!result.ok) {
    io.stderr(`failpoint: ${say.refused(path)}\n`);
    io.stderr(formatNotes(result.report.notes, language));
    return { ok: false, exitCode: result.notBpmn ? EXIT.usage : EXIT.invalid };
  }
  const worth = result.report.notes.filter((n) => n.severity !== 'info');
  const info = result.report.notes.length - worth.length;
  if (worth.length > 0) {
    io.stderr(
      `failpoint: ${say.imported(path, processName(result.report.process), worth.length)}\n`,
    );
    io.stderr(formatNotes(worth, language));
    if (info > 0) io.stderr(`${say.moreInfo(info)}\n`);
  }
  return { ok: true, text: JSON.stringify(result.document) };
}

/**
 * `failpoint import FILE.bpmn [-o OUT.blueprint.json] [--process ID] [--lanes "Name=lane,…"]
 * [--json]`: the blueprint to standard output or to OUT, the import report to standard error
 * (or in the JSON document). Exit 0 when the blueprint is valid, 1 when the content was refused
 * or the blueprint has problems (it is still written, as a draft), 2 when the file is not BPMN.
 */
export async function runImport(argv: string[], io: CliIO): Promise<number> {
  const language = io.language ?? 'en';
  const say = SAY[language];
  const { file, values } = parseCommandArgs('import', argv, {
    output: { type: 'string', short: 'o' },
    process: { type: 'string' },
    lanes: { type: 'string' },
    json: { type: 'boolean' },
  });
  const options: ReadBpmnOptions = {};
  if (values.process !== undefined) options.processId = values.process;
  if (values.lanes !== undefined) options.lanes = parseLaneMap(values.lanes, language);
  let bytes: Uint8Array | string;
  try {
    bytes = await io.readFile(file);
  } catch (error) {
    io.stderr(`failpoint: ${readFailure(file, error, language)}\n`);
    return EXIT.usage;
  }
  const result = await readBpmn(bytes, options);
  const notes = result.report.notes;
  if (!result.ok) {
    const exitCode = result.notBpmn ? EXIT.usage : EXIT.invalid;
    if (values.json) {
      writeJsonDocument(io.stdout, {
        file,
        imported: false,
        notes: notes.map((n) => noteForJson(n, language)),
      });
    } else {
      io.stderr(`failpoint: ${say.refused(file)}\n`);
      io.stderr(formatNotes(notes, language));
    }
    return exitCode;
  }
  const { document, diagnostics } = result;
  const exitCode = diagnostics.length === 0 ? EXIT.ok : EXIT.invalid;
  const blueprintText = `${JSON.stringify(document, null, 2)}\n`;
  if (values.output !== undefined) {
    const failed = await writeOutput(io, values.output, blueprintText, language);
    if (failed !== null) return failed;
  }
  if (values.json) {
    writeJsonDocument(io.stdout, {
      file,
      imported: true,
      process: result.report.process,
      valid: diagnostics.length === 0,
      notes: notes.map((n) => noteForJson(n, language)),
      problems: diagnostics.map((d) => ({ ...d, message: diagnosticSentence(d, language) })),
      ...(values.output === undefined ? { blueprint: document } : { output: values.output }),
    });
    return exitCode;
  }
  if (values.output === undefined) io.stdout(blueprintText);
  io.stderr(`failpoint: ${say.imported(file, processName(result.report.process), notes.length)}\n`);
  io.stderr(formatNotes(notes, language));
  if (diagnostics.length > 0) {
    io.stderr(`failpoint: ${cliMessages(language).problems(file, problemCount(diagnostics))}\n`);
    io.stderr(
      diagnostics
        .map((d) => `  ${diagnosticName(d.code)}  ${shown(diagnosticSentence(d, language))}\n`)
        .join(''),
    );
  }
  if (values.output !== undefined) io.stderr(`failpoint: ${say.wrote(values.output)}\n`);
  return exitCode;
}
