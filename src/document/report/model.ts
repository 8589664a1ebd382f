/**
 * The printable report of a blueprint for a manager (SPEC §10 "Reports", with the money of §9),
 * as plain data: what the page shows, worked out once from a validated blueprint, with no
 * language and no date in it, so the same file always gives the same report (the command line's
 * `report --json` prints exactly this).
 *
 * Every figure comes from the exact analysis and the money functions the rest of Failpoint uses:
 * `analyze` for R and the fail points, `compareScenarios` for the scenario table,
 * `scenarioMoney` and `lossByFailPoint` for money, `optimizeBlueprint` for the chosen options.
 */
import { analyze, compareScenarios } from '../../sim/exact';
import {
  combinationFigures,
  improvementReturn,
  lossByFailPoint,
  lossOf,
  optimizeBlueprint,
  scenarioMoney,
  type CombinationFigures,
  type OptimizeGoal,
  type OptimizeMethod,
} from '../../sim/money';
import type { Blueprint } from '../../sim/parse';

/**
 * Longest description the page shows, in half-width characters (a Chinese character counts two,
 * as it is twice as wide); a longer one is cut at a sentence or word.
 */
export const DESCRIPTION_LENGTH = 240;

/** Length in half-width characters: CJK and other full-width characters count two. */
function displayLength(text: string): number {
  let length = 0;
  for (const char of text) length += char.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return length;
}

/** One fail point of the Pareto, most failures first. */
export interface ReportFailPoint {
  id: string;
  /** The node's label, or its id when it has none. */
  label: string;
  /** Expected customers failing here per 10,000 customers. */
  failuresPer10k: number;
  /** Share, 0–1, of all failures. */
  share: number;
  /** Share, 0–1, of all failures at this fail point and the ones before it. */
  cumulativeShare: number;
  /** Value lost here, currency units per year; null without economics. */
  valueLostPerYear: number | null;
}

/** The money of one row of the scenario table (the keys `compare --json` uses). */
export interface ReportScenarioMoney {
  /** Customers meeting a failure, per year. */
  failedPerYear: number;
  /** Customers lost (directly and by word of mouth), per year. */
  lostPerYear: number;
  /** Value lost to failures, currency units per year. */
  valueLostPerYear: number;
  /** What recoveries cost, currency units per year. */
  recoveryCostPerYear: number;
  /** Value protected against the baseline, currency units per year (0 for the baseline). */
  protectedPerYear: number;
  /** One-off cost of the scenario's options, currency units. */
  costOnce: number;
  /** Running cost of the scenario's options, currency units per year. */
  costPerYear: number;
  /** Protected value less the running cost, currency units per year. */
  netPerYear: number;
  /** Years until the one-off cost is earned back; null for the baseline or never. */
  paybackYears: number | null;
  /** Return on investment over the horizon (0.85 is 85 %); null for the baseline or no cost. */
  roi: number | null;
}

/** One row of the scenario table, the baseline first. */
export interface ReportScenario {
  /** Scenario id, `baseline` for the first row. */
  id: string;
  name: string;
  /** System reliability, probability 0–1. */
  reliability: number;
  /** Against the baseline (probability; 0 for the baseline). */
  delta: number;
  /** Relative change against the baseline (0.0667 is +6.67 %). */
  growth: number;
  /** Expected failures per 10,000 customers. */
  failuresPer10k: number;
  /** Null without economics. */
  money: ReportScenarioMoney | null;
}

/** One improvement option with its own figures, as if it were bought alone. */
export interface ReportOption {
  id: string;
  label: string;
  /** Currency units, once. */
  costOnce: number;
  /** Currency units per year. */
  costPerYear: number;
  /** R with this option alone, probability 0–1. */
  reliability: number;
  /** Against the baseline (probability). */
  delta: number;
  /** Net value per year, currency units; null without economics. */
  netPerYear: number | null;
  /** Years to earn back the one-off cost; null without economics or never. */
  paybackYears: number | null;
  /** Return on investment over the horizon; null without economics or cost. */
  roi: number | null;
  /** Whether the optimiser chose it at the report's budget. */
  chosen: boolean;
}

/** The optimiser's answer at the report's budget. */
export interface ReportChoice extends CombinationFigures {
  /** The one-off budget, currency units. */
  budget: number;
  /** True when no budget was given and the report used one that buys every option. */
  budgetCoversAll: boolean;
  /** The most the chosen options may cost a year, currency units; null for no bound. */
  yearlyBudget: number | null;
  goal: OptimizeGoal;
  method: OptimizeMethod;
  /** Combinations evaluated exactly. */
  evaluated: number;
  /** The chosen options' ids, in file order; empty when nothing beats the blueprint as it is. */
  ids: string[];
  labels: string[];
}

/** The baseline's yearly loss, for the key figures. */
export interface ReportLoss {
  currency: string;
  /** Years over which returns are counted. */
  horizonYears: number;
  customersPerYear: number;
  failedPerYear: number;
  lostPerYear: number;
  /** Currency units per year. */
  valueLostPerYear: number;
  /** Currency units per year. */
  recoveryCostPerYear: number;
  /** Value lost plus recovery costs, currency units per year. */
  totalLossPerYear: number;
}

/** Everything the one-page report shows, language-free. */
export interface ReportModel {
  /** The blueprint's title, or null when it has none (the page then says "Untitled blueprint"). */
  title: string | null;
  /** The description, shortened to {@link DESCRIPTION_LENGTH} characters; null when none. */
  description: string | null;
  /** System reliability R, probability 0–1. */
  reliability: number;
  /** R rounded to 3 decimals, as the page prints it. */
  reliabilityRounded: number;
  /** Expected failures per 10,000 customers. */
  failuresPer10k: number;
  /** Null without economics. */
  loss: ReportLoss | null;
  pareto: ReportFailPoint[];
  scenarios: ReportScenario[];
  options: ReportOption[];
  /** Null when the blueprint has no options. */
  choice: ReportChoice | null;
}

/** What the report is built for besides the blueprint. */
export interface ReportInput {
  /**
   * One-off budget for the chosen options, currency units. Undefined: a budget that buys every
   * option (the Money panel's own default).
   */
  budget?: number;
  /** The most the chosen options may cost a year, currency units. Undefined: no bound. */
  yearlyBudget?: number;
  /** What the optimiser maximises; `value` falls back to `reliability` without economics. */
  goal?: OptimizeGoal;
}

/**
 * A description short enough for the page: whole sentences up to {@link DESCRIPTION_LENGTH}
 * characters, else cut at a word with "…".
 */
export function shortDescription(text: string | undefined): string | null {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  if (clean === '') return null;
  if (displayLength(clean) <= DESCRIPTION_LENGTH) return clean;
  // Sentences end at a full stop, question or exclamation mark followed by a space (so "0.765"
  // is not an end), or at a Chinese full stop.
  const sentences = clean.split(/(?<=[.!?])\s+|(?<=[。！？])/);
  let kept = '';
  for (const sentence of sentences) {
    const next = kept ? `${kept}${/[。！？]$/.test(kept) ? '' : ' '}${sentence}` : sentence;
    if (displayLength(next) > DESCRIPTION_LENGTH) break;
    kept = next;
  }
  if (displayLength(kept) > DESCRIPTION_LENGTH / 3) return kept;
  let cut = '';
  for (const char of clean) {
    if (displayLength(cut + char) > DESCRIPTION_LENGTH - 1) break;
    cut += char;
  }
  const space = cut.lastIndexOf(' ');
  return `${(space > cut.length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Builds the report of a validated blueprint. Throws only where the exact analysis itself does
 * (a blueprint it cannot solve); callers name the file in that sentence.
 */
export function buildReport(blueprint: Blueprint, input: ReportInput = {}): ReportModel {
  const { document, model, economics } = blueprint;
  const analysis = analyze(model);

  const lossByPoint = economics
    ? new Map(lossByFailPoint(economics, model, analysis).map((p) => [p.id, p]))
    : null;
  let cumulativeShare = 0;
  const pareto: ReportFailPoint[] = analysis.failPointRanking.map((point) => {
    cumulativeShare += point.share;
    const node = model.nodes[point.index];
    return {
      id: point.id,
      label: node.label || point.id,
      failuresPer10k: point.probability * 10_000,
      share: point.share,
      cumulativeShare: Math.min(1, cumulativeShare),
      valueLostPerYear: lossByPoint?.get(point.id)?.valueLostPerYear ?? null,
    };
  });

  const moneyRows = scenarioMoney(blueprint);
  const moneyById = new Map((moneyRows ?? []).map((row) => [row.id, row]));
  const scenarios: ReportScenario[] = compareScenarios(model, blueprint.scenarios).map((row) => {
    const money = moneyById.get(row.id);
    return {
      id: row.id,
      name: row.name,
      reliability: row.reliability,
      delta: row.delta,
      growth: row.growth,
      failuresPer10k: row.failuresPer10k,
      money: money
        ? {
            failedPerYear: money.failedPerYear,
            lostPerYear: money.lostPerYear,
            valueLostPerYear: money.valueLostPerYear,
            recoveryCostPerYear: money.recoveryCostPerYear,
            protectedPerYear: money.return?.protectedPerYear ?? 0,
            costOnce: money.return?.costOnce ?? 0,
            costPerYear: money.return?.costPerYear ?? 0,
            netPerYear: money.return?.netPerYear ?? 0,
            paybackYears: money.return ? money.return.paybackYears : null,
            roi: money.return ? money.return.roi : null,
          }
        : null,
    };
  });

  const baseLoss = economics ? lossOf(economics, model, analysis) : null;
  const loss: ReportLoss | null =
    economics && baseLoss
      ? {
          currency: economics.currency,
          horizonYears: economics.horizonYears,
          customersPerYear: economics.customersPerYear,
          failedPerYear: baseLoss.failedPerYear,
          lostPerYear: baseLoss.lostPerYear,
          valueLostPerYear: baseLoss.valueLostPerYear,
          recoveryCostPerYear: baseLoss.recoveryCostPerYear,
          totalLossPerYear: baseLoss.totalLossPerYear,
        }
      : null;

  const choice = chooseOptions(blueprint, input);
  const chosen = new Set(choice?.ids ?? []);
  const options: ReportOption[] = blueprint.options.map((option) => {
    const own = analyze(option.model);
    const earned =
      economics && baseLoss
        ? improvementReturn(
            baseLoss,
            lossOf(economics, option.model, own),
            { costOnce: option.costOnce, costPerYear: option.costPerYear },
            economics.horizonYears,
          )
        : null;
    return {
      id: option.id,
      label: option.label,
      costOnce: option.costOnce,
      costPerYear: option.costPerYear,
      reliability: own.reliability,
      delta: own.reliability - analysis.reliability,
      netPerYear: earned?.netPerYear ?? null,
      paybackYears: earned ? earned.paybackYears : null,
      roi: earned ? earned.roi : null,
      chosen: chosen.has(option.id),
    };
  });

  return {
    title: document.title?.trim() ? document.title.trim() : null,
    description: shortDescription(document.description),
    reliability: analysis.reliability,
    reliabilityRounded: Math.round(analysis.reliability * 1000) / 1000,
    failuresPer10k: analysis.failuresPer10k,
    loss,
    pareto,
    scenarios,
    options,
    choice,
  };
}

/** The optimiser's answer at the budget asked for, or null when there is nothing to choose. */
function chooseOptions(blueprint: Blueprint, input: ReportInput): ReportChoice | null {
  if (blueprint.options.length === 0) return null;
  const budgetCoversAll = input.budget === undefined;
  const budget =
    input.budget ?? blueprint.options.reduce((sum, option) => sum + option.costOnce, 0);
  const goal: OptimizeGoal = blueprint.economics ? (input.goal ?? 'value') : 'reliability';
  const yearlyBudget = input.yearlyBudget ?? null;
  const answer = optimizeBlueprint(
    blueprint,
    budget,
    goal,
    yearlyBudget ?? Number.POSITIVE_INFINITY,
  );
  if (!answer.ok) return null;
  const { result } = answer;
  const labels = new Map(result.options.map((option) => [option.id, option.label]));
  const { chosen } = result;
  return {
    budget,
    budgetCoversAll,
    yearlyBudget,
    goal,
    method: result.method,
    evaluated: result.evaluated,
    ids: chosen.ids,
    labels: chosen.ids.map((id) => labels.get(id) ?? id),
    ...combinationFigures(chosen),
  };
}
