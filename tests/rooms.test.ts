/**
 * The rooms are enforced by the compiler, not only by lint: the same source is refused by the
 * projects of src/sim and src/document (React and the DOM) and of src/cli (the DOM). Each check
 * compiles the fixture with a throwaway tsconfig that extends the room's real one, so removing
 * the guard from that config makes this test fail.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const FIXTURE = join(ROOT, 'tests/fixtures/rooms/reaches-for-react-and-the-dom.ts');
const REFUSAL = 'src/sim and src/document are plain ECMAScript';

/** Compiles the fixture with the compiler options of one room; returns the exit code and errors. */
async function compileIn(config: string): Promise<{ code: number; errors: string }> {
  // Inside the repository, so `types` finds node_modules/@types the way the real build does.
  const scratch = join(ROOT, 'node_modules/.tmp/rooms-test');
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, 'fixture-'));
  const tsconfig = join(dir, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(ROOT, config),
      // Its own build info, so the room's real one in node_modules/.tmp stays untouched.
      compilerOptions: { tsBuildInfoFile: join(dir, 'fixture.tsbuildinfo') },
      files: [FIXTURE],
      include: [],
    }),
  );
  try {
    await run(process.execPath, [TSC, '-p', tsconfig, '--pretty', 'false']);
    return { code: 0, errors: '' };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, errors: failed.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// One compiler per room, started together: each takes a few seconds on its own.
const results = Object.fromEntries(
  ['sim', 'document', 'cli'].map((room) => [room, compileIn(`tsconfig.${room}.json`)]),
);

describe('the compiler keeps each room to its libraries', () => {
  for (const room of ['sim', 'document']) {
    it(`refuses a React import in src/${room}, with a sentence saying why`, async () => {
      const { code, errors } = await results[room];
      expect(code).not.toBe(0);
      expect(errors).toMatch(
        /reaches-for-react-and-the-dom\.ts\(3,\d+\): error TS2306: File '[^']*refused-in-sim-and-document\.ts' is not a module/,
      );
      expect(errors).toContain(REFUSAL);
    });

    it(`refuses the DOM in src/${room}`, async () => {
      const { errors } = await results[room];
      expect(errors).toMatch(
        /reaches-for-react-and-the-dom\.ts\(5,\d+\): error TS\d+: Cannot find name 'document'/,
      );
    });
  }

  it('refuses the DOM in src/cli, which runs in Node', async () => {
    const { code, errors } = await results.cli;
    expect(code).not.toBe(0);
    expect(errors).toMatch(
      /reaches-for-react-and-the-dom\.ts\(5,\d+\): error TS\d+: Cannot find name 'document'/,
    );
    // The only error: React resolves to its types here, so the fixture is otherwise sound and
    // the refusals above come from the rooms' configs, not from a broken fixture.
    expect(errors.match(/error TS/g)).toHaveLength(1);
  });
});
