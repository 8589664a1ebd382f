/** Argument parsing shared by the commands, turning every mistake into a {@link UsageError}. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed<O extends Options> {
  file: string;
  values: ReturnType<
    typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>
  >['values'];
}

/**
 * Parses `FILE [options]` for `command`. Unknown options, a missing file or extra positionals
 * are usage errors with a sentence saying what to do.
 */
export function parseCommandArgs<O extends Options>(
  command: string,
  argv: string[],
  options: O,
): Parsed<O> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw optionMistake(command, error);
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) {
    throw new UsageError(
      `"failpoint ${command}" needs a blueprint file, e.g. failpoint ${command} examples/courier.blueprint.json.`,
      `“failpoint ${command}”需要一个蓝图文件，例如 failpoint ${command} examples/courier.blueprint.json。`,
    );
  }
  if (extra.length > 0) {
    throw new UsageError(
      `"failpoint ${command}" takes one file, but also got ${extra.map((e) => `"${e}"`).join(', ')}.`,
      `“failpoint ${command}”只接受一个文件，却还收到了 ${extra.map((e) => `“${e}”`).join('、')}。`,
    );
  }
  return { file, values: parsed.values as Parsed<O>['values'] };
}

/**
 * Node's sentence for an option mistake, rewritten to say what to do, in both languages. The
 * option is taken from Node's message; a mistake of another kind keeps Node's words.
 */
function optionMistake(command: string, error: unknown): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const option = /'(-[^' <]*)/.exec(message)?.[1];
  const help = `Run "failpoint help" for the options of ${command}.`;
  const helpZh = `运行“failpoint help”可查看 ${command} 的选项。`;
  if (option !== undefined && code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new UsageError(
      `"failpoint ${command}" has no option ${option}. ${help}`,
      `“failpoint ${command}”没有选项 ${option}。${helpZh}`,
    );
  }
  if (option !== undefined && /argument missing/.test(message)) {
    return new UsageError(
      `${option} needs a value after it. ${help}`,
      `${option} 后面需要一个值。${helpZh}`,
    );
  }
  if (option !== undefined && /does not take an argument/.test(message)) {
    return new UsageError(
      `${option} takes no value; write it alone.`,
      `${option} 不带值，单独写出即可。`,
    );
  }
  return new UsageError(`${message.replace(/\.$/, '')}. ${help}`);
}

/**
 * `--trials -5` would read as a missing value followed by an unknown option "-5"; joining each
 * numeric option to a negative value (`--trials=-5`) lets the range check say what is wrong.
 */
export function attachNegativeValues(
  argv: readonly string[],
  numeric: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (numeric.has(argv[i]) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else {
      out.push(argv[i]);
    }
  }
  return out;
}
