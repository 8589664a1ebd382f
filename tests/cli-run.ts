/** The command line run in this process, for tests that need no child process. */
import { readFile } from 'node:fs/promises';
import type { CliIO } from '../src/cli/io';
import { main } from '../src/cli/main';

/**
 * Runs `failpoint <argv>` with files read from disk and the environment `env`, and gives its
 * exit code and what it wrote to each stream.
 */
export async function runCli(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: false,
    readFile: (path) => readFile(path),
  };
  const code = await main(argv, io, env);
  return { code, stdout, stderr };
}
