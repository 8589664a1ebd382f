/**
 * The language the command line writes in: `--lang zh|en` on any command, else the locale
 * (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, the first one set decides), else English.
 */
import type { DiagnosticLanguage } from '../sim/diagnostics';
import { UsageError } from './io';

export type CliLanguage = DiagnosticLanguage;

/** Environment variables that name a locale, in the order POSIX gives them precedence. */
const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

function parseLanguage(value: string): CliLanguage | null {
  const match = /^(zh|en)(?:[-_.@].*)?$/i.exec(value.trim());
  return match ? (match[1].toLowerCase() as CliLanguage) : null;
}

/** The language a locale such as `zh_CN.UTF-8` asks for; anything but Chinese reads English. */
export function languageFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): CliLanguage {
  for (const name of LOCALE_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') return /^zh/i.test(value) ? 'zh' : 'en';
  }
  return 'en';
}

const UNKNOWN: Record<CliLanguage, (value: string) => string> = {
  en: (value) => `"${value}" is not a language Failpoint writes in; use --lang en or --lang zh.`,
  zh: (value) => `Failpoint 不支持语言“${value}”；请使用 --lang en 或 --lang zh。`,
};

/**
 * Takes `--lang X` or `--lang=X` out of a command line, wherever it stands, so that every
 * command accepts it. An unknown or missing language is a usage error, written in the
 * language of the environment.
 */
export function takeLanguageOption(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { argv: string[]; language: CliLanguage } {
  const rest: string[] = [];
  let language = languageFromEnvironment(env);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    let value: string | undefined;
    if (arg === '--lang') {
      value = argv[i + 1] ?? '';
      i++;
    } else if (arg.startsWith('--lang=')) {
      value = arg.slice('--lang='.length);
    } else {
      rest.push(arg);
      continue;
    }
    const chosen = parseLanguage(value);
    if (chosen === null) throw new UsageError(UNKNOWN[language](value));
    language = chosen;
  }
  return { argv: rest, language };
}
