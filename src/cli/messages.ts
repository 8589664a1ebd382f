/**
 * The command line's own sentences, in English and Chinese. Paths and names in them are
 * passed through {@link shown}, so a file name cannot carry an escape sequence to the terminal.
 */
import { shown } from './escape';
import type { CliLanguage } from './language';

/** What the command line was doing when the engine failed, for {@link CliMessages.internalError}. */
export type CliTask =
  | 'validation'
  | 'analysis'
  | 'formula'
  | 'comparison'
  | 'optimisation'
  | 'simulation'
  | 'trace'
  | 'command';

interface CliMessages {
  problems(file: string, count: number): string;
  valid(file: string, nodes: number, edges: number, scenarios: number): string;
  noSuchFile(path: string): string;
  isFolder(path: string): string;
  permissionDenied(path: string): string;
  /** `detail` is the system's explanation, `code` its error code (`EMFILE`…) when it has one. */
  cannotRead(path: string, detail: string, code: string | undefined): string;
  /** Standard output could not be written (a full disk…); `code` is the system's error code. */
  cannotWrite(detail: string, code: string | undefined): string;
  /** The engine failed on something the file passed validation for: a fault of Failpoint. */
  internalError(task: CliTask, command: string, file: string | undefined, detail: string): string;
  /** `--workers` asked for more threads than the machine has cores. */
  workersCapped(asked: number, cores: number): string;
  /** Ctrl-C came before the first trials finished: there are no figures to print. */
  interruptedBeforeAnyTrial: string;
  /** Ctrl-C came after some trials: the figures printed are theirs. */
  interrupted(trials: number): string;
}

const EN_TASKS: Record<CliTask, string> = {
  validation: 'validating',
  analysis: 'the exact analysis of',
  formula: 'writing the reliability formula of',
  comparison: 'comparing the scenarios of',
  optimisation: 'choosing the improvement options of',
  simulation: 'simulating',
  trace: 'tracing customers through',
  command: 'running',
};

const ZH_TASKS: Record<CliTask, string> = {
  validation: '校验',
  analysis: '精确分析',
  formula: '写出可靠度公式',
  comparison: '比较方案',
  optimisation: '选择改进选项',
  simulation: '模拟',
  trace: '追踪顾客',
  command: '运行',
};

const en: CliMessages = {
  problems: (file, count) => `${shown(file)} has ${count} problem${count === 1 ? '' : 's'}:`,
  valid: (file, nodes, edges, scenarios) =>
    `${shown(file)} is a valid blueprint: ${nodes} nodes, ${edges} edges, ${scenarios} scenario${scenarios === 1 ? '' : 's'}.`,
  noSuchFile: (path) => `Cannot read "${shown(path)}": there is no such file.`,
  isFolder: (path) => `Cannot read "${shown(path)}": it is a folder, not a blueprint file.`,
  permissionDenied: (path) => `Cannot read "${shown(path)}": permission denied.`,
  cannotRead: (path, detail) => `Cannot read "${shown(path)}": ${shown(detail)}.`,
  cannotWrite: (detail) => `Cannot write the output: ${shown(detail)}.`,
  internalError: (task, command, file, detail) =>
    `${command} stopped while ${EN_TASKS[task]} ${file === undefined ? 'the blueprint' : `"${shown(file)}"`}, on an internal error (${shown(detail)}). This is a fault in Failpoint, not in the blueprint; please report it with the file.`,
  workersCapped: (asked, cores) =>
    `--workers ${asked} is more than the ${cores} core${cores === 1 ? '' : 's'} of this machine; simulating on ${cores} worker${cores === 1 ? '' : 's'}.`,
  interruptedBeforeAnyTrial:
    'The simulation was interrupted before any trial finished; there are no figures to print.',
  interrupted: (trials) =>
    `The simulation was interrupted; the figures are those of the ${trials.toLocaleString('en-US')} trial${trials === 1 ? '' : 's'} done.`,
};

const zh: CliMessages = {
  problems: (file, count) => `${shown(file)} 有 ${count} 个问题：`,
  valid: (file, nodes, edges, scenarios) =>
    `${shown(file)} 是有效的蓝图：${nodes} 个节点，${edges} 条连线，${scenarios} 个方案。`,
  noSuchFile: (path) => `无法读取“${shown(path)}”：文件不存在。`,
  isFolder: (path) => `无法读取“${shown(path)}”：它是一个文件夹，不是蓝图文件。`,
  permissionDenied: (path) => `无法读取“${shown(path)}”：没有访问权限。`,
  cannotRead: (path, _detail, code) =>
    code === undefined
      ? `无法读取“${shown(path)}”。`
      : `无法读取“${shown(path)}”（系统错误 ${shown(code)}）。`,
  cannotWrite: (detail, code) =>
    code === undefined
      ? `无法写出结果（${shown(detail)}）。`
      : `无法写出结果（系统错误 ${shown(code)}）。`,
  internalError: (task, command, file, detail) =>
    `${command} 在${ZH_TASKS[task]}${file === undefined ? '蓝图' : `“${shown(file)}”`}时因内部错误而停止（${shown(detail)}）。这是 Failpoint 的缺陷，不是蓝图的问题；请连同文件一起报告。`,
  workersCapped: (asked, cores) =>
    `--workers ${asked} 超过了本机的 ${cores} 个处理器核心；改用 ${cores} 个线程模拟。`,
  interruptedBeforeAnyTrial: '模拟在任何一次试验完成之前就被中断了，没有可打印的结果。',
  interrupted: (trials) =>
    `模拟被中断了；以下结果来自已完成的 ${trials.toLocaleString('en-US')} 次试验。`,
};

/** The command line's sentences in a language. */
export function cliMessages(language: CliLanguage): CliMessages {
  return language === 'zh' ? zh : en;
}
