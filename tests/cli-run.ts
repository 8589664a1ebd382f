/** The command line run in this process, for tests that need no child process. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
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

const execute = promisify(execFile);

/**
 * Runs the built command line (`bin/failpoint.mjs`) in a child process, exactly as
 * `npx failpoint` does, under a locale-free environment plus `env` (so that the machine's own
 * `LANG` does not choose the language), and gives its exit code and what it wrote to each stream.
 */
export async function spawnCli(args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) delete clean[name];
  try {
    const { stdout, stderr } = await execute(process.execPath, ['bin/failpoint.mjs', ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...clean, ...env },
    });
    return { code: 0 as number | null, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number | null; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
