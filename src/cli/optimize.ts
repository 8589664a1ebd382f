/**
 * `failpoint optimize FILE [--budget B] [--yearly-budget Y] [--goal value|reliability] [--json]`:
 * the improvement options worth buying within a one-off budget, a yearly budget or both (SPEC
 * §9; at least one of them), found exactly where the options are few enough, and the frontier
 * of one-off cost against R and against value a manager reads as a menu.
 */
import {
  combinationFigures,
  optimizeBlueprintSteps,
  type BlueprintOptimization,
  type Combination,
  type OptimizeGoal,
  type OptimizeProgress,
} from '../sim/money';
import { parseCommandArgs } from './args';
import { writeJsonDocument, shown } from './escape';
import { count, percent, probability, table } from './format';
import { during, EXIT, UsageError, type CliIO } from './io';
import type { CliLanguage } from './language';
import { loadBlueprint } from './load';
import { OPTIMIZE_PROGRESS_MS } from '../workers/money';
import { money } from './money';

const GOALS: readonly OptimizeGoal[] = ['value', 'reliability'];

const TEXT = {
  en: {
    badBudget: (got: string) =>
      `--budget must be an amount of money of 0 or more (the most the chosen options may cost once); got "${got}".`,
    badYearlyBudget: (got: string) =>
      `--yearly-budget must be an amount of money of 0 or more (the most the chosen options may cost a year); got "${got}".`,
    noBudget:
      '"failpoint optimize" needs --budget B (the most the chosen options may cost once), --yearly-budget Y (the most they may cost a year), or both.',
    badGoal: (got: string) => `--goal must be "value" or "reliability"; got "${got}".`,
    noOptions: (file: string) =>
      `${file} has no improvement options to choose from; add some under "options" (each with "costOnce" and the "changes" it makes).`,
    noEconomics: (file: string) =>
      `${file} has no "economics", so options cannot be valued in money; add them, or use --goal reliability.`,
    title: (title: string, budget: string | null, yearly: string | null, goal: OptimizeGoal) =>
      `${title}: the best options within ${[budget === null ? null : `a one-off budget of ${budget}`, yearly === null ? null : `a yearly budget of ${yearly}`].filter((part) => part !== null).join(' and ')}, for ${goal === 'value' ? 'the most value' : 'the highest R'}`,
    method: (result: BlueprintOptimization) =>
      result.method === 'exhaustive'
        ? `Method: exhaustive, every one of the ${count(result.evaluated)} combinations evaluated exactly.`
        : result.method === 'exhaustive-within-budget'
          ? `Method: exhaustive within the budget, every one of the ${count(result.evaluated)} affordable combinations evaluated exactly.`
          : `Method: greedy (too many combinations to evaluate every one on a blueprint of this size): options added one at a time, the best each time, then single swaps while they improve; ${count(result.evaluated)} combinations evaluated. The answer may not be the best.`,
    chosen: 'Chosen',
    nothing: 'Nothing: no affordable combination does better than the blueprint as it is.',
    reliability: (before: string, after: string) => `R                ${before} → ${after}`,
    costs: (once: string, year: string) => `Cost             ${once} once, ${year} a year`,
    net: (value: string) => `Net per year     ${value}`,
    horizon: (value: string, years: number) => `Value over ${years} yr ${value}`,
    payback: (value: string) => `Payback          ${value}`,
    never: 'never',
    years: (y: number) => `${y.toFixed(1)} years`,
    frontierR: 'Frontier: one-off cost against R (nothing cheaper reaches as high)',
    frontierValue: (years: number) =>
      `Frontier: one-off cost against value over ${years} years (nothing cheaper earns as much)`,
    headers: ['options', 'cost once', 'cost / yr', 'R', 'net / yr', 'value', 'within budget'],
    none: '(none)',
    yes: 'yes',
    no: 'no',
    weighing: (progress: OptimizeProgress) =>
      progress.total === null
        ? `Weighing combinations: ${count(progress.evaluated)} so far…`
        : `Weighing combinations: ${count(progress.evaluated)} of ${count(progress.total)}…`,
  },
  zh: {
    badBudget: (got: string) =>
      `--budget 必须是不小于 0 的金额（所选选项的一次性成本上限）；收到的是“${got}”。`,
    badYearlyBudget: (got: string) =>
      `--yearly-budget 必须是不小于 0 的金额（所选选项每年成本的上限）；收到的是“${got}”。`,
    noBudget:
      '“failpoint optimize”需要 --budget B（所选选项一次性成本的上限）、--yearly-budget Y（每年成本的上限），或两者都给。',
    badGoal: (got: string) => `--goal 必须是“value”或“reliability”；收到的是“${got}”。`,
    noOptions: (file: string) =>
      `${file} 没有可供选择的改进选项；请在“options”中添加（每项需有“costOnce”及其“changes”）。`,
    noEconomics: (file: string) =>
      `${file} 没有“economics”，无法用金额衡量选项；请添加经济参数，或使用 --goal reliability。`,
    title: (title: string, budget: string | null, yearly: string | null, goal: OptimizeGoal) =>
      `${title}：${[budget === null ? null : `一次性预算 ${budget}`, yearly === null ? null : `每年预算 ${yearly}`].filter((part) => part !== null).join('、')} 内的最佳选项，目标为${goal === 'value' ? '价值最大' : '可靠度最高'}`,
    method: (result: BlueprintOptimization) =>
      result.method === 'exhaustive'
        ? `方法：穷举，全部 ${count(result.evaluated)} 种组合都经过精确计算。`
        : result.method === 'exhaustive-within-budget'
          ? `方法：预算内穷举，全部 ${count(result.evaluated)} 种负担得起的组合都经过精确计算。`
          : `方法：贪心（就此蓝图的规模而言组合太多，无法穷举）：每次加入最好的一个选项，再做单项交换直到不再改进；共计算 ${count(result.evaluated)} 种组合。结果未必最优。`,
    chosen: '选中',
    nothing: '不选：在预算内没有任何组合比现状更好。',
    reliability: (before: string, after: string) => `可靠度 R     ${before} → ${after}`,
    costs: (once: string, year: string) => `成本         一次性 ${once}，每年 ${year}`,
    net: (value: string) => `每年净收益   ${value}`,
    horizon: (value: string, years: number) => `${years} 年总价值   ${value}`,
    payback: (value: string) => `回收期       ${value}`,
    never: '无法回收',
    years: (y: number) => `${y.toFixed(1)} 年`,
    frontierR: '前沿：一次性成本与可靠度 R（没有更便宜的组合能达到同样高）',
    frontierValue: (years: number) =>
      `前沿：一次性成本与 ${years} 年总价值（没有更便宜的组合能赚得同样多）`,
    headers: ['选项', '一次性成本', '每年成本', 'R', '每年净收益', '价值', '在预算内'],
    none: '（无）',
    yes: '是',
    no: '否',
    weighing: (progress: OptimizeProgress) =>
      progress.total === null
        ? `正在权衡组合：已 ${count(progress.evaluated)} 个……`
        : `正在权衡组合：${count(progress.evaluated)}/${count(progress.total)}……`,
  },
} as const;

/** One combination as `--json` gives it. */
function combinationJson(combination: Combination) {
  return {
    options: combination.ids,
    ...combinationFigures(combination),
    affordable: combination.affordable,
  };
}

/**
 * Drives a planned optimisation to its answer; `show`, if given, hears how far it has gone after
 * the first evaluation and then at most every {@link OPTIMIZE_PROGRESS_MS} (as the app's busy line).
 */
function optimizeCounting(
  planned: ReturnType<typeof optimizeBlueprintSteps>,
  show: ((progress: OptimizeProgress) => void) | null,
): { ok: true; result: BlueprintOptimization } | Exclude<typeof planned, { ok: true }> {
  if (!planned.ok) return planned;
  let shownAt = Number.NEGATIVE_INFINITY;
  for (;;) {
    const step = planned.steps.next();
    if (step.done) return { ok: true, result: step.value };
    if (show && performance.now() - shownAt >= OPTIMIZE_PROGRESS_MS) {
      shownAt = performance.now();
      show(step.value);
    }
  }
}

/** An amount given for a budget flag: null when the flag is absent; a usage error when it is bad. */
function amountOf(given: string | undefined, bad: (got: string) => string): number | null {
  if (given === undefined) return null;
  const amount = Number(given);
  if (given.trim() === '' || !Number.isFinite(amount) || amount < 0)
    throw new UsageError(bad(given));
  return amount;
}

/** `failpoint optimize FILE [--budget B] [--yearly-budget Y] [--goal value|reliability] [--json]`. */
export async function runOptimize(argv: string[], io: CliIO): Promise<number> {
  const language: CliLanguage = io.language ?? 'en';
  const text = TEXT[language];
  const { file, values } = parseCommandArgs('optimize', argv, {
    budget: { type: 'string' },
    'yearly-budget': { type: 'string' },
    goal: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.budget === undefined && values['yearly-budget'] === undefined) {
    throw new UsageError(text.noBudget);
  }
  const budget = amountOf(values.budget, text.badBudget);
  const yearlyBudget = amountOf(values['yearly-budget'], text.badYearlyBudget);
  const goal = (values.goal ?? 'value') as OptimizeGoal;
  if (!GOALS.includes(goal)) throw new UsageError(text.badGoal(values.goal ?? ''));
  const loaded = await loadBlueprint(file, io);
  if (!loaded.ok) return loaded.exitCode;
  const { blueprint } = loaded;
  // On a terminal, a line counts the combinations weighed: a large blueprint's search takes
  // tens of seconds. Scripts (a pipe, or --json) get the answer alone.
  const showing = io.isTTY && !values.json;
  const answer = during('optimisation', file, () =>
    optimizeCounting(
      optimizeBlueprintSteps(
        blueprint,
        budget ?? Number.POSITIVE_INFINITY,
        goal,
        yearlyBudget ?? Number.POSITIVE_INFINITY,
      ),
      showing ? (progress) => io.stdout(`\r${text.weighing(progress)}\x1b[K`) : null,
    ),
  );
  if (showing) io.stdout('\r\x1b[K');
  if (!answer.ok) {
    // Both amounts were checked above, so a refusal of the budget names the one-off one.
    if (answer.reason === 'bad-budget') throw new UsageError(text.badBudget(values.budget ?? ''));
    io.stderr(
      `failpoint: ${answer.reason === 'no-options' ? text.noOptions(shown(file)) : text.noEconomics(shown(file))}\n`,
    );
    return EXIT.usage;
  }
  const result = answer.result;
  const { chosen } = result;
  if (values.json) {
    writeJsonDocument(io.stdout, {
      budget,
      yearlyBudget,
      goal,
      currency: result.currency,
      method: result.method,
      evaluated: result.evaluated,
      chosen: chosen.ids,
      costOnce: chosen.costOnce,
      costPerYear: chosen.costPerYear,
      reliability: chosen.reliability,
      netPerYear: chosen.return?.netPerYear ?? null,
      valueOverHorizon: chosen.return?.valueOverHorizon ?? null,
      paybackYears: chosen.return?.paybackYears ?? null,
      roi: chosen.return?.roi ?? null,
      frontier: {
        reliability: result.reliabilityFrontier.map(combinationJson),
        value: result.valueFrontier.map(combinationJson),
      },
    });
    return EXIT.ok;
  }
  const labels = new Map(result.options.map((option) => [option.id, option.label]));
  const baseline = result.reliabilityFrontier.find((c) => c.ids.length === 0);
  const horizon = blueprint.economics?.horizonYears ?? 1;
  const names = (c: Combination) =>
    c.ids.length === 0 ? text.none : c.ids.map((id) => shown(id)).join(' + ');
  let out = `${text.title(
    shown(blueprint.document.title ?? file),
    budget === null ? null : money(budget),
    yearlyBudget === null ? null : money(yearlyBudget),
    goal,
  )}\n`;
  out += `${text.method(result)}\n\n`;
  if (chosen.ids.length === 0) {
    out += `${text.nothing}\n`;
  } else {
    out += `${text.chosen}\n`;
    for (const id of chosen.ids) out += `  • ${shown(id)}  ${shown(labels.get(id) ?? id)}\n`;
    out += '\n';
    out += `  ${text.reliability(probability(baseline?.reliability ?? NaN, 3), probability(chosen.reliability, 3))}\n`;
    out += `  ${text.costs(money(chosen.costOnce), money(chosen.costPerYear))}\n`;
    if (chosen.return) {
      out += `  ${text.net(money(chosen.return.netPerYear))}\n`;
      out += `  ${text.horizon(money(chosen.return.valueOverHorizon), horizon)}\n`;
      out += `  ${text.payback(chosen.return.paybackYears === null ? text.never : text.years(chosen.return.paybackYears))}\n`;
      if (chosen.return.roi !== null)
        out += `  ROI              ${percent(chosen.return.roi, 0)}\n`;
    }
  }
  const frontierTable = (rows: Combination[]) =>
    table(
      text.headers.map((header, i) => (i === 0 ? { header } : { header, align: 'right' as const })),
      rows.map((c) => [
        names(c),
        money(c.costOnce),
        money(c.costPerYear),
        probability(c.reliability, 3),
        c.return ? money(c.return.netPerYear) : '',
        c.return ? money(c.return.valueOverHorizon) : '',
        c.affordable ? text.yes : text.no,
      ]),
    );
  out += `\n${text.frontierR}\n${frontierTable(result.reliabilityFrontier)}`;
  if (result.valueFrontier.length > 0) {
    out += `\n${text.frontierValue(horizon)}\n${frontierTable(result.valueFrontier)}`;
  }
  io.stdout(out);
  return EXIT.ok;
}
