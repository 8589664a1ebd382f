/** The command line run in this process, for tests that need no child process. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CliIO } from '../src/cli/io';
import { main } from '../src/cli/main';

/** The input and output of a command run in this process, and what it wrote so far. */
export interface CapturedIO {
  io: CliIO;
  /** Everything written to standard output so far. */
  stdout(): string;
  /** Everything written to standard error so far. */
  stderr(): string;
}

/**
 * Input and output for a command run in this process: what it writes is kept in memory, files
 * are read from disk as bytes (as the binary reads them), and it is not a terminal unless
 * `settings` says so.
 */
export function captureIO(settings: Partial<Omit<CliIO, 'stdout' | 'stderr'>> = {}): CapturedIO {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    isTTY: false,
    readFile: (file) => readFile(file),
    ...settings,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

/**
 * Runs `failpoint <argv>` with files read from disk and the environment `env`, and gives its
 * exit code and what it wrote to each stream.
 */
export async function runCli(argv: string[], env: Record<string, string | undefined> = {}) {
  const { io, stdout, stderr } = captureIO();
  const code = await main(argv, io, env);
  return { code, stdout: stdout(), stderr: stderr() };
}

/** Writes `text` to a file called `name` in a new temporary folder, and gives its path. */
export function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'failpoint-cli-')), name);
  writeFileSync(file, text);
  return file;
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
