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
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `${message.replace(/\.$/, '')}. Run "failpoint help" for the options of ${command}.`,
    );
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) {
    throw new UsageError(
      `"failpoint ${command}" needs a blueprint file, e.g. failpoint ${command} examples/courier.blueprint.json.`,
    );
  }
  if (extra.length > 0) {
    throw new UsageError(
      `"failpoint ${command}" takes one file, but also got ${extra.map((e) => `"${e}"`).join(', ')}.`,
    );
  }
  return { file, values: parsed.values as Parsed<O>['values'] };
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
