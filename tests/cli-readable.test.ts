/**
 * The readable output of `analyze`, `compare` and `simulate` in Chinese: on the Chinese courier
 * every word is Chinese (bar the currency code), and the figures are the English run's figures.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-run';

const ZH_COURIER = 'examples/courier.zh.blueprint.json';

/** Latin words of three letters or more: what a Chinese page should not contain. */
function latinWords(text: string): string[] {
  return [...new Set(text.match(/[A-Za-z][A-Za-z-]{2,}/g) ?? [])].filter((w) => w !== 'CNY');
}

/**
 * The numbers of a text, sorted: what both languages must agree on (a sentence may put them in
 * another order: "2,347 per 10,000" is "每 10,000 位顾客中 2,347 位").
 */
function figures(text: string): string[] {
  return (text.match(/[+−-]?\d[\d,]*(?:\.\d+)?/g) ?? []).sort();
}

describe('the readable output in Chinese', () => {
  for (const command of [
    ['analyze'],
    ['compare'],
    ['simulate', '--trials', '20000', '--seed', '7', '--workers', '1'],
  ]) {
    it(`${command[0]} writes Chinese headings and the English run's figures`, async () => {
      const zh = await runCli([command[0], ZH_COURIER, ...command.slice(1), '--lang', 'zh']);
      const en = await runCli([command[0], ZH_COURIER, ...command.slice(1), '--lang', 'en']);
      expect(zh.code).toBe(0);
      expect(latinWords(zh.stdout)).toEqual([]);
      // The English run has English headings, so the check above is not vacuous.
      expect(latinWords(en.stdout).length).toBeGreaterThan(3);
      // Timing and rate figures differ from run to run; everything else is the same.
      const steady = (text: string) =>
        text
          .split('\n')
          .filter((line) => !/试验|Trials/.test(line))
          .join('\n');
      expect(figures(steady(zh.stdout))).toEqual(figures(steady(en.stdout)));
    });
  }

  it('names the baseline and the figures of the seed in Chinese', async () => {
    const { stdout } = await runCli(['compare', ZH_COURIER, '--lang', 'zh']);
    expect(stdout).toMatch(/^ {2}基线 +0\.765 /m);
    expect(stdout).toMatch(/0\.816 +\+0\.051 +\+6\.67 %/);
    const analysis = await runCli(['analyze', ZH_COURIER, '--lang', 'zh']);
    expect(analysis.stdout).toContain('系统可靠度      R = 0.765');
    expect(analysis.stdout).toContain('每 10,000 位顾客中 2,347.2 位');
  });

  it('aligns columns by display width, a Chinese character counting two', async () => {
    const { stdout } = await runCli(['compare', ZH_COURIER, '--lang', 'zh']);
    const lines = stdout.split('\n');
    const header = lines.findIndex((line) => line.includes('每 10,000 位失败'));
    const width = (line: string) =>
      [...line].reduce((sum, char) => sum + (char.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
    // The header, its rule and the four rows end in the same column.
    const block = lines.slice(header, header + 6);
    expect(new Set(block.map(width)).size).toBe(1);
  });
});

describe('usage mistakes in Chinese', () => {
  const cases: [string[], RegExp, RegExp][] = [
    [['analyze'], /需要一个蓝图文件/, /needs a blueprint file/],
    [['analyze', ZH_COURIER, '--bogus'], /没有选项 --bogus/, /has no option --bogus/],
    [['simulate', ZH_COURIER, '--trials'], /--trials 后面需要一个值/, /--trials needs a value/],
    [['compare', ZH_COURIER, '--json=1'], /--json 不带值/, /--json takes no value/],
    [
      ['simulate', ZH_COURIER, '--trials', '2.5'],
      /--trials（试验次数）必须是 1 到 .* 之间的整数；收到的是“2\.5”/,
      /--trials must be a whole number from 1/,
    ],
    [
      ['simulate', ZH_COURIER, '--precision', '2'],
      /--precision（.*）必须大于 0/,
      /--precision must/,
    ],
    [
      ['analyze', ZH_COURIER, '--scenario', 'nope'],
      /蓝图中没有方案“nope”/,
      /has no scenario "nope"/,
    ],
    [['frobnicate'], /“frobnicate”不是命令/, /"frobnicate" is not a command/],
  ];
  for (const [argv, zh, en] of cases) {
    it(`${argv.join(' ')}: a Chinese sentence under --lang zh, English under --lang en`, async () => {
      const chinese = await runCli([...argv, '--lang', 'zh']);
      expect(chinese.code).toBe(2);
      expect(chinese.stderr).toMatch(zh);
      const english = await runCli([...argv, '--lang', 'en']);
      expect(english.code).toBe(2);
      expect(english.stderr).toMatch(en);
    });
  }
});

describe('help in Chinese', () => {
  it('lists the same commands and options as the English help', async () => {
    const zh = await runCli(['help', '--lang', 'zh']);
    const en = await runCli(['help', '--lang', 'en']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('用法：failpoint <命令> <文件> [选项]');
    const tokens = (text: string) =>
      [...new Set(text.match(/^ {2}[a-z]+ |--[a-z-]+/gm) ?? [])].map((t) => t.trim()).sort();
    expect(tokens(en.stdout).length).toBeGreaterThan(20);
    expect(tokens(zh.stdout)).toEqual(tokens(en.stdout));
  });
});
