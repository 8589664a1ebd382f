/** The command line's own sentences about blueprint files, in English and Chinese. */
import type { CliLanguage } from './language';

interface CliMessages {
  problems(file: string, count: number): string;
  valid(file: string, nodes: number, edges: number, scenarios: number): string;
  noSuchFile(path: string): string;
  isFolder(path: string): string;
  permissionDenied(path: string): string;
  /** `detail` is the system's explanation, `code` its error code (`EMFILE`…) when it has one. */
  cannotRead(path: string, detail: string, code: string | undefined): string;
}

const en: CliMessages = {
  problems: (file, count) => `${file} has ${count} problem${count === 1 ? '' : 's'}:`,
  valid: (file, nodes, edges, scenarios) =>
    `${file} is a valid blueprint: ${nodes} nodes, ${edges} edges, ${scenarios} scenario${scenarios === 1 ? '' : 's'}.`,
  noSuchFile: (path) => `Cannot read "${path}": there is no such file.`,
  isFolder: (path) => `Cannot read "${path}": it is a folder, not a blueprint file.`,
  permissionDenied: (path) => `Cannot read "${path}": permission denied.`,
  cannotRead: (path, detail) => `Cannot read "${path}": ${detail}.`,
};

const zh: CliMessages = {
  problems: (file, count) => `${file} 有 ${count} 个问题：`,
  valid: (file, nodes, edges, scenarios) =>
    `${file} 是有效的蓝图：${nodes} 个节点，${edges} 条连线，${scenarios} 个方案。`,
  noSuchFile: (path) => `无法读取“${path}”：文件不存在。`,
  isFolder: (path) => `无法读取“${path}”：它是一个文件夹，不是蓝图文件。`,
  permissionDenied: (path) => `无法读取“${path}”：没有访问权限。`,
  cannotRead: (path, _detail, code) =>
    code === undefined ? `无法读取“${path}”。` : `无法读取“${path}”（系统错误 ${code}）。`,
};

/** The command line's sentences in a language. */
export function cliMessages(language: CliLanguage): CliMessages {
  return language === 'zh' ? zh : en;
}
