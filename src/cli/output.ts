/** Writing a command's result to the file `-o` names. */
import { writeFile } from 'node:fs/promises';
import { EXIT, type CliIO } from './io';
import type { CliLanguage } from './language';
import { cliMessages } from './messages';

/**
 * Writes `text` to `path` as UTF-8. A file that cannot be written (a missing folder, no
 * permission, a full disk) is said in one sentence naming the file, in `language`.
 *
 * @returns null when written, else the exit code to end the command with
 */
export async function writeOutput(
  io: CliIO,
  path: string,
  text: string,
  language: CliLanguage,
): Promise<number | null> {
  try {
    await writeFile(path, text, 'utf8');
    return null;
  } catch (error) {
    const code = (error as { code?: string } | null)?.code;
    const detail = `${path}: ${error instanceof Error ? error.message : String(error)}`;
    io.stderr(`failpoint: ${cliMessages(language).cannotWrite(detail, code)}\n`);
    return EXIT.usage;
  }
}
