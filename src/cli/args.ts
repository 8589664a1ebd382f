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
