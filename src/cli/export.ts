/**
 * `failpoint export FILE [-o OUT] [--format F]`: writes the blueprint in another
 * format. Formats are entries of {@link EXPORT_FORMATS}; the format comes from `--format`, else
 * from the extension of `-o`, else SVG. Without `-o` the result goes to standard output.
 */
import { extname } from 'node:path';
import { drawBlueprint, type DrawingTexts } from '../document/drawing';
import { analyze } from '../sim/exact';
import type { Blueprint } from '../sim/parse';
import { parseCommandArgs } from './args';
import { shown } from './escape';
import { during, duringAsync, EXIT, UsageError, type CliIO } from './io';
import type { CliLanguage } from './language';
import { loadBlueprint } from './load';
import { writeOutput } from './output';

/** What a format writer gets besides the blueprint. */
export interface ExportContext {
  language: CliLanguage;
  /** The file being exported, for sentences about it. */
  file: string;
}

/** One format `export` writes. */
export interface ExportFormat {
  /** File name endings that choose this format for `-o`, with their dot, lower case. */
  extensions: readonly string[];
  /** Writes the blueprint in this format, as the text of one file. */
  write(blueprint: Blueprint, context: ExportContext): string | Promise<string>;
}

/** The lane and line names and the other words of a drawing, as the app shows them. */
export const DRAWING_TEXTS: Readonly<Record<CliLanguage, DrawingTexts>> = {
  en: {
    language: 'en',
    lanes: {
      customer: 'Customer',
      frontstage: 'Frontstage',
      backstage: 'Backstage',
      support: 'Support processes',
    },
    lines: {
      interaction: 'Line of interaction',
      visibility: 'Line of visibility',
      internalInteraction: 'Line of internal interaction',
    },
    unlabelled: {
      step: 'Untitled step',
      decision: 'Decision',
      parallel: 'Parallel split',
      join: 'Join',
      start: 'Start',
      end: 'End',
      failureEnd: 'Failure end',
    },
    untitledBlueprint: 'Untitled blueprint',
    notEvaluable: 'n/a',
    joinAll: 'all',
    failureEdge: 'failure',
  },
  zh: {
    language: 'zh',
    lanes: { customer: '顾客', frontstage: '前台', backstage: '后台', support: '支持过程' },
    lines: {
      interaction: '互动分界线',
      visibility: '可视分界线',
      internalInteraction: '内部互动分界线',
    },
    unlabelled: {
      step: '未命名步骤',
      decision: '判断',
      parallel: '并行分支',
      join: '汇合',
      start: '开始',
      end: '结束',
      failureEnd: '失败结束',
    },
    untitledBlueprint: '未命名蓝图',
    notEvaluable: '无法计算',
    joinAll: '全部',
    failureEdge: '失败',
  },
};

/**
 * Node id → share of all failures there, for the drawing's heat tint, from the exact analysis.
 * A blueprint the exact analysis cannot solve is drawn without tint rather than not at all.
 */
function failShares(blueprint: Blueprint): Map<string, number> {
  try {
    return new Map(analyze(blueprint.model).failPointRanking.map((f) => [f.id, f.share]));
  } catch {
    return new Map();
  }
}

/** The formats `export` writes, by the name `--format` takes. */
export const EXPORT_FORMATS: Readonly<Record<string, ExportFormat>> = {
  svg: {
    extensions: ['.svg'],
    write: (blueprint, { language, file }) =>
      during('command', file, () =>
        drawBlueprint(blueprint.document, {
          texts: DRAWING_TEXTS[language],
          failShares: failShares(blueprint),
        }),
      ).svg,
  },
  bpmn: {
    extensions: ['.bpmn', '.bpmn2'],
    // BPMN 2.0 with every blueprint field in the failpoint: extension (docs/bpmn.md); the
    // BPMN writer is loaded only when used.
    write: async (blueprint, { file }) => {
      const { writeBpmn } = await import('../document/bpmn');
      return duringAsync('command', file, () => writeBpmn(blueprint.document));
    },
  },
};

const SENTENCES = {
  en: {
    noJson: 'export writes a file in the chosen format, not JSON; leave out --json.',
    unknownFormat: (format: string, known: string) =>
      `"${shown(format)}" is not a format failpoint export writes; the formats are ${known}.`,
    unknownExtension: (path: string, known: string) =>
      `Cannot tell the format from "${shown(path)}": export writes ${known}. Name it with --format, e.g. --format svg.`,
  },
  zh: {
    noJson: 'export 写出所选格式的文件，不输出 JSON；请去掉 --json。',
    unknownFormat: (format: string, known: string) =>
      `failpoint export 不能写出“${shown(format)}”格式；可用的格式有 ${known}。`,
    unknownExtension: (path: string, known: string) =>
      `无法从“${shown(path)}”判断格式：export 可写出 ${known}。请用 --format 指定，例如 --format svg。`,
  },
} as const;

/** Picks the format: `--format`, else the extension of `-o`, else SVG. */
function chooseFormat(
  format: string | undefined,
  output: string | undefined,
  language: CliLanguage,
): ExportFormat {
  const say = SENTENCES[language];
  const names = Object.keys(EXPORT_FORMATS);
  const known = names.join(', ');
  if (format !== undefined) {
    const chosen = Object.hasOwn(EXPORT_FORMATS, format.toLowerCase())
      ? EXPORT_FORMATS[format.toLowerCase()]
      : undefined;
    if (!chosen) throw new UsageError(say.unknownFormat(format, known));
    return chosen;
  }
  if (output === undefined) return EXPORT_FORMATS.svg;
  const extension = extname(output).toLowerCase();
  const chosen = names.map((n) => EXPORT_FORMATS[n]).find((f) => f.extensions.includes(extension));
  if (!chosen) {
    const endings = names.flatMap((n) => EXPORT_FORMATS[n].extensions).join(', ');
    throw new UsageError(say.unknownExtension(output, endings));
  }
  return chosen;
}

/** `failpoint export FILE [-o OUT] [--format F]`. */
export async function runExport(argv: string[], io: CliIO): Promise<number> {
  const language = io.language ?? 'en';
  const { file, values } = parseCommandArgs('export', argv, {
    output: { type: 'string', short: 'o' },
    format: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.json) throw new UsageError(SENTENCES[language].noJson);
  const format = chooseFormat(values.format, values.output, language);
  const loaded = await loadBlueprint(file, io);
  if (!loaded.ok) return loaded.exitCode;
  const text = await format.write(loaded.blueprint, { language, file });
  if (values.output === undefined) {
    io.stdout(text);
    return EXIT.ok;
  }
  return (await writeOutput(io, values.output, text, language)) ?? EXIT.ok;
}
