/**
 * `failpoint export`: the blueprint drawn as SVG, to standard output or to the file `-o` names,
 * with the format from `--format` or the extension, and the command line's usual exit codes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-run';
import { all, parseXml } from './xml-reader';

const run = runCli;

const COURIER = 'examples/courier.blueprint.json';
const folder = mkdtempSync(join(tmpdir(), 'failpoint-export-'));

describe('failpoint export', () => {
  it('writes the SVG to standard output without -o', async () => {
    const { code, stdout, stderr } = await run(['export', COURIER]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.startsWith('<?xml version="1.0" encoding="UTF-8"')).toBe(true);
    expect(stdout).toContain('<title>Courier pickup and delivery</title>');
    expect(stdout).toContain('>Line of visibility</text>');
    expect(stdout.trimEnd().endsWith('</svg>')).toBe(true);
    // Steps are tinted by the exact analysis: the courier's worst step, s7 (0.95), is the
    // most frequent fail point and is marked.
    expect((stdout.match(/class="fp-mark"/g) ?? []).length).toBe(3);
  });

  it('writes the file -o names, the same drawing as standard output', async () => {
    const out = join(folder, 'courier.svg');
    const { code, stdout, stderr } = await run(['export', COURIER, '-o', out]);
    expect([code, stdout, stderr]).toEqual([0, '', '']);
    const written = readFileSync(out, 'utf8');
    expect(written).toBe((await run(['export', COURIER])).stdout);
  });

  it('names lanes and lines in the language of --lang or the locale', async () => {
    const zh = await run(['export', COURIER, '--lang', 'zh']);
    expect(zh.code).toBe(0);
    for (const name of ['顾客', '前台', '后台', '支持过程', '互动分界线', '可视分界线']) {
      expect(zh.stdout).toContain(`>${name}</text>`);
    }
    const fromLocale = await run(['export', COURIER], { LANG: 'zh_CN.UTF-8' });
    expect(fromLocale.stdout).toBe(zh.stdout);
    const en = await run(['export', COURIER, '--lang', 'en'], { LANG: 'zh_CN.UTF-8' });
    expect(en.stdout).toContain('>CUSTOMER</text>');
  });

  it('takes the format from --format, else from the extension of -o', async () => {
    const out = join(folder, 'picture.image');
    expect((await run(['export', COURIER, '-o', out, '--format', 'SVG'])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<svg ');

    const png = await run(['export', COURIER, '-o', join(folder, 'courier.png')]);
    expect(png.code).toBe(2);
    expect(png.stderr).toContain('Cannot tell the format from');
    expect(png.stderr).toContain('--format');

    const unknown = await run(['export', COURIER, '--format', 'gif']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"gif" is not a format failpoint export writes');
    expect(unknown.stderr).toContain('svg');
  });

  it('refuses --json, which has no meaning for a picture', async () => {
    const result = await run(['export', COURIER, '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('not JSON');
  });

  it('exits as other commands do on a missing file and a broken blueprint', async () => {
    const missing = await run(['export', join(folder, 'nothing.blueprint.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('there is no such file');

    const broken = join(folder, 'broken.blueprint.json');
    const courier = JSON.parse(readFileSync(COURIER, 'utf8')) as { edges: unknown[] };
    courier.edges = courier.edges.slice(1);
    writeFileSync(broken, JSON.stringify(courier));
    const invalid = await run(['export', broken, '-o', join(folder, 'broken.svg')]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/problem/);
    expect(existsSync(join(folder, 'broken.svg'))).toBe(false);
  });

  it('says when the output cannot be written', async () => {
    const result = await run(['export', COURIER, '-o', join(folder, 'no', 'such', 'dir.svg')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot write the output');
  });

  it('writes hostile names as text, the file well-formed whatever the labels hold', async () => {
    const courier = JSON.parse(readFileSync(COURIER, 'utf8')) as {
      title: string;
      nodes: { id: string; label?: string }[];
    };
    courier.title = 'Evil \u001b[2J title </title><script>x</script>';
    courier.nodes[1].label = 'a\u0000b\u001b]8;;http://x\u0007link\u202e & <g> "q" \'s\'';
    courier.nodes[2].label = `${'long '.repeat(200)}end`;
    const path = join(folder, 'hostile.blueprint.json');
    writeFileSync(path, JSON.stringify(courier));
    for (const language of ['en', 'zh']) {
      const out = join(folder, `hostile-${language}.svg`);
      const toFile = await run(['export', path, '-o', out, '--lang', language]);
      expect(toFile.code).toBe(0);
      const toStdout = await run(['export', path, '--lang', language]);
      expect(toStdout.code).toBe(0);
      for (const svg of [readFileSync(out, 'utf8'), toStdout.stdout]) {
        const root = parseXml(svg);
        expect(all(root, (e) => e.name === 'script')).toHaveLength(0);
        expect(all(root, (e) => e.name === 'title')[0].text).toContain('</title><script>');
        // A long label is cut to the card's three lines.
        const labels = all(root, (e) => (e.attributes.class ?? '').includes('fp-step-label'));
        expect(labels.filter((e) => e.text.startsWith('long')).length).toBe(3);
      }
    }
  });

  it('is listed in the help', async () => {
    const help = await run(['help']);
    expect(help.stdout).toMatch(/^ {2}export +FILE \[-o OUT\.svg\]/m);
    expect(help.stdout).toContain('--json has no meaning for export');
  });

  it('runs from the built command line', () => {
    const result = spawnSync(process.execPath, ['bin/failpoint.mjs', 'export', COURIER], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH, LANG: 'C' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('<title>Courier pickup and delivery</title>');
  });
});
