/**
 * The command line in two languages. Most checks run `main` in this process (a spawn costs
 * seconds); a few spawn the built `bin/failpoint.mjs` to check the real argument and locale path.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/io';
import { languageFromEnvironment } from '../src/cli/language';
import { main } from '../src/cli/main';
import { spawnCli } from './cli-run';
import { DIAGNOSTICS, type Diagnostic } from '../src/sim/diagnostics';
import { EXPRESSION_FUNCTIONS } from '../src/sim/expressions';

const FOLDER = 'tests/fixtures/broken/';
const FIXTURES = readdirSync(FOLDER).sort();

async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: false,
    readFile: (path) => readFile(path, 'utf8'),
  };
  const code = await main(argv, io, env);
  return { code, stdout, stderr };
}

/** Words a Chinese line may keep: the product, file keys and literals, expression functions. */
const ALLOWED = new Set([
  'Failpoint',
  'JSON',
  'null',
  'true',
  'false',
  'format',
  'version',
  'successes',
  'trials',
  ...EXPRESSION_FUNCTIONS,
]);

/** The id named by the fixture's file (`BP016-unreachable-node` → its code and name). */
function codeOf(file: string): keyof typeof DIAGNOSTICS {
  return file.slice(0, 5) as keyof typeof DIAGNOSTICS;
}

/**
 * Checks one problem line `  BP016 unreachable-node  <sentence>`: a Chinese sentence, and no
 * English word in it except the ids and labels of the blueprint (`names`) and allowed words.
 */
function checkLine(line: string, names: readonly string[]): void {
  const match = /^ {2}(BP\d{3}) ([a-z-]+) {2}(.+)$/.exec(line);
  expect(match, line).not.toBeNull();
  const [, code, name, sentence] = match!;
  expect(DIAGNOSTICS[code as keyof typeof DIAGNOSTICS]).toBe(name);
  expect(sentence).toMatch(/[\u4e00-\u9fff]/);
  let rest = sentence;
  for (const text of [...names].sort((a, b) => b.length - a.length)) {
    rest = rest.split(text).join(' ');
  }
  const left = (rest.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !ALLOWED.has(word));
  expect(left, sentence).toEqual([]);
}

/** The ids and labels of a fixture's problems, from the JSON output (in English). */
async function namesOf(file: string): Promise<{ problems: Diagnostic[]; names: string[] }> {
  const { stdout } = await run(['validate', FOLDER + file, '--json', '--lang', 'en']);
  const problems = (JSON.parse(stdout) as { problems: Diagnostic[] }).problems;
  const names: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') names.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key !== 'type' && key !== 'kind' && key !== 'detail' && key !== 'expected') {
          collect(inner);
        }
      }
    }
  };
  for (const problem of problems) collect(problem.params);
  return { problems, names };
}

function idOf(problem: Diagnostic): string | null {
  const { target } = problem;
  if (target.kind === 'parameter') return target.name;
  return target.kind === 'document' ? null : target.id;
}

describe('failpoint validate in Chinese, over every broken fixture', () => {
  it.each(FIXTURES)(
    '%s: every problem is a Chinese sentence naming its node or edge',
    async (file) => {
      const { problems, names } = await namesOf(file);
      for (const argv of [
        { args: ['validate', FOLDER + file, '--lang', 'zh'], env: {} },
        { args: ['validate', FOLDER + file], env: { LANG: 'zh_CN.UTF-8' } },
      ]) {
        const { code, stdout, stderr } = await run(argv.args, argv.env);
        expect(code).toBe(codeOf(file) === 'BP001' ? 2 : 1);
        expect(stdout).toBe('');
        const [heading, ...lines] = stderr.trimEnd().split('\n');
        expect(heading).toBe(`${FOLDER + file} 有 ${problems.length} 个问题：`);
        expect(lines).toHaveLength(problems.length);
        lines.forEach((line, i) => {
          checkLine(line, names);
          const id = idOf(problems[i]);
          if (id !== null) expect(line).toContain(id);
        });
        expect(lines.some((line) => line.startsWith(`  ${codeOf(file)} `))).toBe(true);
      }
    },
  );
});

describe('choosing the language', () => {
  it('reads LC_ALL, then LC_MESSAGES, then LANG, and defaults to English', () => {
    expect(languageFromEnvironment({})).toBe('en');
    expect(languageFromEnvironment({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(languageFromEnvironment({ LANG: 'zh_TW.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' })).toBe('en');
    expect(languageFromEnvironment({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' })).toBe('zh');
    expect(languageFromEnvironment({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(languageFromEnvironment({ LC_ALL: '', LANG: 'zh_CN.UTF-8' })).toBe('zh');
  });

  it('lets --lang win over the locale, in either spelling and place', async () => {
    const file = FOLDER + 'BP016-unreachable-node.blueprint.json';
    const english = await run(['validate', '--lang', 'en', file], { LANG: 'zh_CN.UTF-8' });
    expect(english.stderr).toContain('has 2 problems:');
    expect(english.stderr).toContain('No customer can ever reach step "s2" (Orphan check)');
    const chinese = await run(['validate', file, '--lang=zh']);
    expect(chinese.stderr).toContain('顾客永远无法到达步骤“Orphan check”（s2）');
  });

  it('refuses an unknown language with exit code 2 and a sentence', async () => {
    const { code, stderr } = await run(['validate', 'x.json', '--lang', 'fr']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'failpoint: "fr" is not a language Failpoint writes in; use --lang en or --lang zh.\n',
    );
    const missing = await run(['analyze', 'x.json', '--lang'], { LANG: 'zh_CN.UTF-8' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^failpoint: Failpoint 不支持语言“”/);
  });

  it('takes --lang on every command and in help', async () => {
    const help = await run(['help', '--lang', 'zh']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--lang zh|en');
    const missing = await run(['analyze', 'nowhere.blueprint.json', '--lang', 'zh']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('failpoint: 无法读取“nowhere.blueprint.json”：文件不存在。\n');
    const invalid = await run([
      'compare',
      FOLDER + 'BP012-probabilities-do-not-sum-to-one.blueprint.json',
      '--lang',
      'zh',
    ]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('判断节点“Address complete?”（d1）');
  });

  it('says a valid blueprint is valid in Chinese', async () => {
    const { code, stdout } = await run(
      ['validate', 'examples/courier.zh.blueprint.json', '--lang', 'zh'],
      {},
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^examples\/courier\.zh\.blueprint\.json 是有效的蓝图：\d+ 个节点/);
  });

  it('writes --json messages in the chosen language with code, key and parameters', async () => {
    const file = FOLDER + 'BP012-probabilities-do-not-sum-to-one.blueprint.json';
    const { stdout } = await run(['validate', file, '--json', '--lang', 'zh']);
    const [problem] = (JSON.parse(stdout) as { problems: Diagnostic[] }).problems;
    expect(problem.code).toBe('BP012');
    expect(problem.key).toBe('decision-sum');
    expect(problem.params).toEqual({
      node: { id: 'd1', type: 'decision', label: 'Address complete?' },
      sum: 0.9,
    });
    expect(problem.message).toBe(
      '从判断节点“Address complete?”（d1）出发的各连线概率之和是 0.9；它们的和必须是 1。',
    );
  });
});

describe('the built command line', () => {
  const file = FOLDER + 'BP021-join-k-out-of-range.blueprint.json';

  it('prints Chinese with --lang zh', async () => {
    const { code, stderr } = await spawnCli(['validate', file, '--lang', 'zh']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/有 \d+ 个问题：/);
    expect(stderr).toContain('BP021 join-k-out-of-range  汇合节点');
    expect(stderr).toContain('（j1）');
  });

  it('prints Chinese under LANG=zh_CN.UTF-8 and English by default', async () => {
    const chinese = await spawnCli(['validate', file], { LANG: 'zh_CN.UTF-8' });
    expect(chinese.code).toBe(1);
    expect(chinese.stderr).toContain('BP021 join-k-out-of-range  汇合节点');
    const english = await spawnCli(['validate', file]);
    expect(english.stderr).toMatch(/BP021 join-k-out-of-range {2}Join "j1"/);
  });
});
