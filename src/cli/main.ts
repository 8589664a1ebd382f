/**
 * The `failpoint` command line: validate, analyze, simulate, compare, trace and export blueprint
 * files with the same engine the app uses.
 */
import { readFile } from 'node:fs/promises';
// Sentences about a blueprint are written in the --lang language, synchronously.
import '../sim/diagnostics/every-language';
import { runAnalyze } from './analyze';
import { runCompare } from './compare';
import { safeOutput, shown } from './escape';
import { runExport } from './export';
import { runLink } from './link';
import { runOptimize } from './optimize';
import { runReport } from './report';
import { EXIT, InternalError, UsageError, type CliIO } from './io';
import { languageFromEnvironment, takeLanguageOption, type CliLanguage } from './language';
import { cliMessages } from './messages';
import { runSimulate } from './simulate';
import { runTraceCommand } from './trace';
import { runValidate } from './validate';
// Blueprints that do not fit the format are worded at once (see `sim/schema-wording.ts`).
import '../sim/schema-wording-zod';
// Expressions are checked with the parser from the start (see `sim/expressions.ts`).
import '../sim/expression-parser';
import '../sim/read/plain';

const VERSION = '0.1.0';

const USAGE = `Failpoint ${VERSION}: service-blueprint reliability from the command line.

Usage: failpoint <command> <file> [options]

Commands:
  validate FILE [--json]                  list every problem of a blueprint
  analyze  FILE [--scenario ID] [--json]  exact reliability, fail points, importance, tornado
  simulate FILE [--trials N] [--precision E] [--seed S] [--workers W] [--scenario ID]
           [--reliability-only] [--json]  Monte Carlo simulation in worker threads;
                                          --reliability-only skips durations and costs
  compare  FILE [--json]                  every scenario against the baseline, in money too
                                          when the blueprint has economics
  optimize FILE [--budget B] [--yearly-budget Y] [--goal value|reliability] [--json]
                                          the improvement options worth buying within a
                                          one-off budget, a yearly budget or both (at least
                                          one), and the frontier of one-off cost against R
  trace    FILE [--customers N] [--seed S] [--scenario ID] [--json]
                                          customers walked node by node: share served, paths
  export   FILE [-o OUT.svg] [--format svg|bpmn]
                                          the blueprint drawn as an SVG picture, lanes and lines
                                          named in the --lang language, steps tinted by their
                                          share of failures; or (-o OUT.bpmn) as BPMN 2.0 with
                                          every blueprint field kept; to standard output without -o.
                                          The format comes from --format, else from the -o
                                          extension. --json has no meaning for export.
  import   FILE.bpmn [-o OUT.blueprint.json] [--process ID] [--lanes "Name=lane,…"] [--json]
                                          a BPMN 2.0 process as a blueprint (to standard output
                                          without -o), with its import report on standard error
  link     FILE [--base URL] [--scenario ID] [--teach] [--json]
                                          the link that holds the blueprint (#bp=…, after URL)
  report   FILE [-o OUT.html] [--budget B] [--yearly-budget Y] [--goal value|reliability]
           [--json]                       a one-page report for a manager as HTML that prints to
                                          one A4 page: the drawing, R, failures per 10,000, the
                                          fail-point Pareto, scenarios with money, the options
                                          chosen within the budget; --json prints its figures

Every command reads a BPMN 2.0 file (.bpmn, .xml) as well as a blueprint: it is imported first,
and what the import approximated is printed to standard error.

Every command also takes --lang zh|en: the language of its sentences about the blueprint
(else LC_ALL, LC_MESSAGES or LANG starting with "zh" chooses Chinese; English by default).

Exit codes: 0 done, 1 the blueprint has problems, 2 the file cannot be read or parsed, the
arguments are wrong or the output cannot be written, 3 an internal error of Failpoint (please
report it with the file), 130 a simulation interrupted by Ctrl-C. A closed pipe
(failpoint … | head) ends the command quietly with 0.
`;

/** {@link USAGE} in Chinese: the same commands and options, in the same order. */
const USAGE_ZH = `Failpoint ${VERSION}：在命令行中计算服务蓝图的可靠度。

用法：failpoint <命令> <文件> [选项]

命令：
  validate FILE [--json]                  列出蓝图的每一个问题
  analyze  FILE [--scenario ID] [--json]  精确可靠度、失败点、重要度、龙卷风图
  simulate FILE [--trials N] [--precision E] [--seed S] [--workers W] [--scenario ID]
           [--reliability-only] [--json]  在工作线程中做蒙特卡洛模拟；
                                          --reliability-only 不抽样时长和成本
  compare  FILE [--json]                  每个方案与基线对比；蓝图有经济参数时也以金额对比
  optimize FILE [--budget B] [--yearly-budget Y] [--goal value|reliability] [--json]
                                          在一次性预算、每年预算或两者（至少给一个）之内
                                          值得购买的改进选项，以及一次性成本与 R 的前沿
  trace    FILE [--customers N] [--seed S] [--scenario ID] [--json]
                                          逐个节点追踪顾客：服务成功的比例与路径
  export   FILE [-o OUT.svg] [--format svg|bpmn]
                                          把蓝图画成 SVG 图（泳道和分界线按 --lang 的语言命名，
                                          步骤按其占失败的比例着色）；或（-o OUT.bpmn）导出为
                                          保留全部蓝图字段的 BPMN 2.0；不给 -o 时写到标准输出。
                                          格式取自 --format，否则取自 -o 的扩展名。
                                          export 不接受 --json。
  import   FILE.bpmn [-o OUT.blueprint.json] [--process ID] [--lanes "名称=泳道,…"] [--json]
                                          把 BPMN 2.0 流程转成蓝图（不给 -o 时写到标准输出），
                                          导入报告写到标准错误
  link     FILE [--base URL] [--scenario ID] [--teach] [--json]
                                          包含蓝图的链接（URL 之后的 #bp=…）
  report   FILE [-o OUT.html] [--budget B] [--yearly-budget Y] [--goal value|reliability]
           [--json]                       给管理者的一页报告（HTML，打印为一页 A4）：蓝图、R、
                                          每 10,000 位顾客的失败数、失败点帕累托图、含金额的
                                          方案表、预算内选中的选项；--json 输出其中的数字

每个命令除了蓝图文件也能读取 BPMN 2.0 文件（.bpmn、.xml）：先导入，
并把导入时所做的近似写到标准错误。

每个命令都接受 --lang zh|en：有关蓝图的句子所用的语言
（否则以 "zh" 开头的 LC_ALL、LC_MESSAGES 或 LANG 选择中文；默认英文）。

退出码：0 完成；1 蓝图有问题；2 文件无法读取或解析、参数有误或无法写出结果；
3 Failpoint 的内部错误（请连同文件一起报告）；130 模拟被 Ctrl-C 中断。
管道被关闭（failpoint … | head）时命令安静地以 0 结束。
`;

const COMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  validate: runValidate,
  analyze: runAnalyze,
  simulate: runSimulate,
  compare: runCompare,
  trace: runTraceCommand,
  export: runExport,
  link: runLink,
  optimize: runOptimize,
  report: runReport,
  // Loaded when used: the BPMN reader is not part of the other commands' start-up.
  import: async (argv, io) => (await import('./bpmn')).runImport(argv, io),
};

/** The commands, as the sentence for an unknown one lists them. */
const COMMAND_LIST = Object.keys(COMMANDS).join(', ');

/** The language of the command line being run, for a sentence said outside any command. */
function processLanguage(): CliLanguage {
  try {
    return takeLanguageOption(process.argv.slice(2), process.env).language;
  } catch {
    return languageFromEnvironment(process.env);
  }
}

let streamsGuarded = false;

/**
 * Node reports a failed write to standard output as an 'error' event, which without a
 * listener ends the process with a stack trace. A closed pipe (`failpoint … | head -1`) means
 * the reader has what it wanted: quit quietly. Any other failure (a full disk) is said in one
 * sentence, with exit code 2. Either way the process ends at once, worker threads included.
 */
function guardStandardStreams(): void {
  if (streamsGuarded) return;
  streamsGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.closedPipe);
    const sentence = cliMessages(processLanguage()).cannotWrite(error.message, error.code);
    process.stderr.write(`failpoint: ${sentence}\n`, () => process.exit(EXIT.usage));
  });
  // Nothing can be said when standard error itself fails; the exit code tells.
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    process.exit(error.code === 'EPIPE' ? EXIT.closedPipe : EXIT.usage);
  });
}

/**
 * The terminal as a {@link CliIO}. `main` run without one also guards the process's standard
 * streams (see {@link guardStandardStreams}); tests borrow this one's file reading.
 */
export function processIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
    columns: process.stdout.columns,
    // Bytes: the loader decodes them by their byte-order mark (UTF-8 or UTF-16), refusing bad ones.
    readFile: (path) => readFile(path),
  };
}

/** Longest system or engine detail quoted in an error sentence, in characters. */
const DETAIL_LENGTH = 200;

function detailOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > DETAIL_LENGTH ? `${text.slice(0, DETAIL_LENGTH - 1)}…` : text;
}

/**
 * Runs one command line and returns its exit code. Never throws, and never prints a stack
 * trace: usage mistakes give 2, faults of Failpoint itself one sentence and 3 (see the usage
 * text for every code).
 */
export async function main(
  argv: string[],
  terminal?: CliIO,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  if (terminal === undefined) {
    guardStandardStreams();
    terminal = processIO();
  }
  // Every byte written goes through the last guard against control sequences.
  let io: CliIO = {
    ...terminal,
    stdout: (text) => terminal.stdout(safeOutput(text)),
    stderr: (text) => terminal.stderr(safeOutput(text)),
  };
  try {
    const chosen = takeLanguageOption(argv, env);
    argv = chosen.argv;
    io = { ...io, language: chosen.language };
  } catch (error) {
    io.stderr(`failpoint: ${shown(detailOf(error))}\n`);
    return EXIT.usage;
  }
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? io.stderr : io.stdout)(io.language === 'zh' ? USAGE_ZH : USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr(
      io.language === 'zh'
        ? `failpoint: “${shown(command)}”不是命令。命令有 ${Object.keys(COMMANDS).join('、')}；运行“failpoint help”查看详情。\n`
        : `failpoint: "${shown(command)}" is not a command. The commands are ${COMMAND_LIST}; run "failpoint help" for details.\n`,
    );
    return EXIT.usage;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    return reportFailure(error, command, io);
  }
}

/**
 * The sentence and exit code for an exception out of a command: a usage mistake is the user's
 * (2); anything else is a fault of Failpoint (3), named by what was being done, with the
 * engine's detail for a bug report but never its stack.
 */
export function reportFailure(error: unknown, command: string, io: CliIO): number {
  if (error instanceof UsageError) {
    io.stderr(`failpoint: ${shown(error.in(io.language))}\n`);
    return EXIT.usage;
  }
  const say = cliMessages(io.language ?? 'en');
  const sentence =
    error instanceof InternalError
      ? say.internalError(error.task, command, error.file, detailOf(error.detail))
      : say.internalError('command', command, undefined, detailOf(error));
  io.stderr(`failpoint: ${sentence}\n`);
  return EXIT.internal;
}
