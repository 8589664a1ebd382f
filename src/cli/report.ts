/**
 * `failpoint report FILE [-o report.html] [--budget B] [--yearly-budget Y] [--goal G] [--json]`: the
 * one-page report of a blueprint for a manager (SPEC §10 "Reports") as a self-contained HTML
 * file, which a browser prints to one A4 page; `--json` prints the figures it shows instead.
 * The chosen options are the budget optimiser's answer at `--budget` (without it, a budget that
 * buys every option, as the app's Money panel starts; `--yearly-budget` bounds their running cost).
 */
import { buildReport, renderReportHtml } from '../document/report';
import type { OptimizeGoal } from '../sim/money';
import { attachNegativeValues, parseCommandArgs } from './args';
import { jsonDocument } from './escape';
import { DRAWING_TEXTS } from './export';
import { during, EXIT, UsageError, type CliIO } from './io';
import type { CliLanguage } from './language';
import { loadBlueprint } from './load';
import { writeOutput } from './output';

const GOALS: readonly OptimizeGoal[] = ['value', 'reliability'];

/** Flags whose negative value must reach the range check rather than read as an option. */
const BUDGET_FLAGS: ReadonlySet<string> = new Set(['--budget', '--yearly-budget']);

const SENTENCES = {
  en: {
    badBudget: (got: string) =>
      `--budget must be an amount of money of 0 or more (the most the chosen options may cost once); got "${got}".`,
    badYearlyBudget: (got: string) =>
      `--yearly-budget must be an amount of money of 0 or more (the most the chosen options may cost a year); got "${got}".`,
    badGoal: (got: string) => `--goal must be "value" or "reliability"; got "${got}".`,
  },
  zh: {
    badBudget: (got: string) =>
      `--budget 必须是不小于 0 的金额（所选选项的一次性成本上限）；收到的是“${got}”。`,
    badYearlyBudget: (got: string) =>
      `--yearly-budget 必须是不小于 0 的金额（所选选项每年成本的上限）；收到的是“${got}”。`,
    badGoal: (got: string) => `--goal 必须是“value”或“reliability”；收到的是“${got}”。`,
  },
} as const;

/**
 * An amount given for a budget flag, thousands separators allowed ("3,000,000"): undefined when
 * the flag is absent, a usage error when it is not an amount of 0 or more.
 */
function amountOf(given: string | undefined, bad: (got: string) => string): number | undefined {
  if (given === undefined) return undefined;
  const amount = Number(given.replace(/[,_]/g, ''));
  if (given.trim() === '' || !Number.isFinite(amount) || amount < 0) {
    throw new UsageError(bad(given));
  }
  return amount;
}

/** `failpoint report FILE [-o OUT.html] [--budget B] [--yearly-budget Y] [--goal G] [--json]`. */
export async function runReport(argv: string[], io: CliIO): Promise<number> {
  const language: CliLanguage = io.language ?? 'en';
  const say = SENTENCES[language];
  const { file, values } = parseCommandArgs('report', attachNegativeValues(argv, BUDGET_FLAGS), {
    output: { type: 'string', short: 'o' },
    budget: { type: 'string' },
    'yearly-budget': { type: 'string' },
    goal: { type: 'string' },
    json: { type: 'boolean' },
  });
  const budget = amountOf(values.budget, say.badBudget);
  const yearlyBudget = amountOf(values['yearly-budget'], say.badYearlyBudget);
  const goal = (values.goal ?? 'value') as OptimizeGoal;
  if (!GOALS.includes(goal)) throw new UsageError(say.badGoal(values.goal ?? ''));
  const loaded = await loadBlueprint(file, io);
  if (!loaded.ok) return loaded.exitCode;
  const { blueprint } = loaded;
  const report = during('analysis', file, () =>
    buildReport(blueprint, { budget, yearlyBudget, goal }),
  );
  const output = values.json
    ? jsonDocument(report)
    : during('command', file, () =>
        renderReportHtml(report, blueprint.document, {
          language,
          drawingTexts: DRAWING_TEXTS[language],
        }),
      );
  if (values.output === undefined) {
    io.stdout(output);
    return EXIT.ok;
  }
  return (await writeOutput(io, values.output, output, language)) ?? EXIT.ok;
}
