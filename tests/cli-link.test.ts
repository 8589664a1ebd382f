/**
 * `failpoint link`: the link printed by the built command line opens to the file it was made
 * from; `--base`, `--scenario`, `--teach`, `--json` and `--lang`; and the exit codes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINK_LENGTH_LIMIT, openBlueprintLink, readBlueprintLink } from '../src/document/link';
import { runCli, spawnCli } from './cli-run';
import { parseBlueprint } from '../src/sim/parse';

const COURIER = 'examples/courier.blueprint.json';
const folder = mkdtempSync(join(tmpdir(), 'failpoint-link-'));

/** The built command line in a child process, exactly as `npx failpoint` runs it. */
const spawnFailpoint = (...args: string[]) => spawnCli(args);

const run = runCli;

function courierDocument() {
  const parsed = parseBlueprint(readFileSync(COURIER, 'utf8'));
  if (!parsed.ok) throw new Error('the courier does not parse');
  return parsed.blueprint.document;
}

describe('failpoint link', () => {
  it('prints a link that decodes to the courier', async () => {
    const { code, stdout, stderr } = await spawnFailpoint('link', COURIER);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^#bp=[A-Za-z0-9_-]+\n$/);
    const read = readBlueprintLink(stdout);
    if (!read.ok) throw new Error(read.code);
    const parsed = parseBlueprint(read.text);
    if (!parsed.ok) throw new Error('the link holds a bad blueprint');
    expect(parsed.blueprint.document).toEqual(courierDocument());
    expect(parsed.blueprint.document.title).toBe('Courier pickup and delivery');
  });

  it('puts --base before the fragment and adds the scenario and the teaching mode', async () => {
    const { code, stdout } = await run([
      'link',
      COURIER,
      '--base',
      'https://example.org/failpoint/',
      '--scenario',
      'recover-3',
      '--teach',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^https:\/\/example\.org\/failpoint\/#bp=[A-Za-z0-9_-]+&scenario=recover-3&mode=teach\n$/,
    );
    const opened = openBlueprintLink(stdout);
    expect(opened).toMatchObject({ ok: true, scenario: 'recover-3', teach: true });
  });

  it('--json gives the link, its length and the limit', async () => {
    const { code, stdout, stderr } = await spawnFailpoint('link', COURIER, '--json');
    expect([code, stderr]).toEqual([0, '']);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(json).toEqual({
      link: expect.stringMatching(/^#bp=/) as unknown,
      length: (json.link as string).length,
      limit: LINK_LENGTH_LIMIT,
      tooLong: false,
    });
    expect(json.link).toBe((await run(['link', COURIER])).stdout.trimEnd());
  });

  it('refuses a scenario the blueprint does not have, naming it and the ones it has', async () => {
    const en = await spawnFailpoint('link', COURIER, '--scenario', 'faster');
    expect(en.code).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toBe(
      'failpoint: The link opens scenario "faster", but its blueprint has no such scenario; its scenarios are "recover-3", "recover-7", "recover-3-and-7".\n',
    );
    const zh = await run(['link', COURIER, '--scenario', 'faster', '--lang', 'zh']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('方案“faster”');
  });

  it('exits 1 with the sentence for a blueprint too large for a link', async () => {
    const courier = JSON.parse(readFileSync(COURIER, 'utf8')) as {
      nodes: { label?: string }[];
    };
    // Labels that do not compress (digits of a pseudo-random sequence) make the link long.
    let seed = 11;
    for (const node of courier.nodes) {
      node.label = Array.from({ length: 1500 }, () => {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        return String.fromCharCode(97 + ((seed >>> 24) % 26));
      }).join('');
    }
    const file = join(folder, 'large.blueprint.json');
    writeFileSync(file, JSON.stringify(courier));
    const text = await run(['link', file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe('');
    expect(text.stderr).toMatch(
      /^failpoint: This blueprint is too large for a link: the link would be [\d,]+ characters long, .* Share the blueprint file instead\.\n$/,
    );
    const json = await run(['link', file, '--json', '--lang', 'zh']);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as {
      tooLong: boolean;
      length: number;
      problem: { code: string; message: string };
    };
    expect(parsed.tooLong).toBe(true);
    expect(parsed.length).toBeGreaterThan(LINK_LENGTH_LIMIT);
    expect(parsed.problem.code).toBe('LK008');
    expect(parsed.problem.message).toContain('请改为分享蓝图文件');
  });

  it('uses the exit codes of the other commands for a missing file, a bad file and bad options', async () => {
    expect((await run(['link', join(folder, 'none.blueprint.json')])).code).toBe(2);
    const bad = join(folder, 'bad.blueprint.json');
    writeFileSync(
      bad,
      readFileSync(COURIER, 'utf8').replace('"reliability": 0.9,', '"reliability": 2,'),
    );
    const invalid = await run(['link', bad]);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toContain('BP011');
    expect((await run(['link', COURIER, '--trials', '5'])).code).toBe(2);
    expect((await run(['link'])).code).toBe(2);
  });

  it('is listed in the help', async () => {
    const { code, stdout } = await run(['help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /\n {2}link {5}FILE \[--base URL\] \[--scenario ID\] \[--teach\] \[--json\]\n/,
    );
  });
});
