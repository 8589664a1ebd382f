/**
 * What the Money panel shows (SPEC §9): the baseline's yearly loss and the scenarios' money
 * table, the budget optimiser's answer with its frontiers, and the scenario a chosen set of
 * options becomes. React-free, so it is tested without a browser.
 *
 * No figure is computed here: the money comes with every live analysis from the engine's
 * worker (`src/workers/money.ts`), and the optimiser runs there on request, in slices, so the
 * page's thread only reads answers.
 */
import type { Combination } from '../../sim/money/optimize';
import type { ValidAnalysis } from '../../workers/analysis';
import type { MoneyOptimizeParams, MoneySummary } from '../../workers/money';
import type { Language } from '../i18n';
import type { ResultsStatus } from '../store/results';

/** The money of the blueprint on screen, or why there is none yet. */
export type MoneyView =
  | { kind: 'computing' }
  | { kind: 'invalid' }
  | { kind: 'no-economics' }
  | { kind: 'ok'; money: MoneySummary };

/**
 * The money of the live analysis's latest answer (the results store's `status` and `result`):
 * `computing` while there is none (the worker is analysing the blueprint on screen),
 * `invalid` when the blueprint has problems.
 */
export function moneyView(status: ResultsStatus, result: ValidAnalysis | null): MoneyView {
  if (status === 'invalid') return { kind: 'invalid' };
  if (status !== 'ok' || result === null) return { kind: 'computing' };
  return result.money ? { kind: 'ok', money: result.money } : { kind: 'no-economics' };
}

/**
 * Reads a budget as typed: digits with optional thousands separators (`,`, space, `_`, the
 * Chinese `，`) and a decimal point. Returns null for anything else, or a negative amount.
 */
export function parseBudget(text: string): number | null {
  const cleaned = text.trim().replace(/[,\s_，]/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

const locales: Record<Language, string> = { en: 'en-US', zh: 'zh-CN' };

/**
 * An amount of money with thousands separators and the currency code after it:
 * `2653970.4 → "2,653,970 CNY"`. Whole units: the economics are estimates, cents mislead.
 */
export function formatMoney(value: number, currency: string, language: Language): string {
  if (!Number.isFinite(value)) return '–';
  const amount = new Intl.NumberFormat(locales[language], { maximumFractionDigits: 0 }).format(
    // Rounded first, so that a tiny negative remainder does not read "-0".
    Math.round(value) === 0 ? 0 : value,
  );
  return `${amount} ${currency}`;
}

/** The budgets as typed, read: the optimiser's question, or what is wrong with them. */
export type BudgetRequest =
  | { ok: true; params: MoneyOptimizeParams }
  | {
      ok: false;
      /** The one-off budget cannot be read (or is missing with no yearly budget either). */
      budgetError: boolean;
      /** The yearly budget is not empty and cannot be read. */
      yearlyError: boolean;
    };

/**
 * Reads the two budgets as typed. The yearly one is optional (empty: no bound on the running
 * cost); the one-off one may be left empty only when a yearly one is given (at least one bound).
 */
export function budgetRequest(
  budgetText: string,
  yearlyText: string,
  goal: MoneyOptimizeParams['goal'],
): BudgetRequest {
  const yearlyEmpty = yearlyText.trim() === '';
  const yearlyBudget = yearlyEmpty ? null : parseBudget(yearlyText);
  const yearlyError = !yearlyEmpty && yearlyBudget === null;
  const budgetEmpty = budgetText.trim() === '';
  const budget = budgetEmpty ? null : parseBudget(budgetText);
  const budgetError = budgetEmpty ? yearlyBudget === null && !yearlyError : budget === null;
  if (budgetError || yearlyError) return { ok: false, budgetError, yearlyError };
  return { ok: true, params: { budget, yearlyBudget, goal } };
}

/** One point of a frontier chart. */
export interface FrontierPoint {
  /** Option ids joined, stable across renders. */
  key: string;
  /** The options' labels joined, or the baseline's name. */
  name: string;
  /** One-off cost, currency units. */
  costOnce: number;
  /** R, 0–1. */
  reliability: number;
  /** Value over the horizon, currency units; null without economics. */
  value: number | null;
  affordable: boolean;
  chosen: boolean;
}

/** A frontier's combinations as chart points, the chosen one marked. */
export function frontierPoints(
  combinations: readonly Combination[],
  chosen: Combination,
  labelOf: (id: string) => string,
  nothing: string,
): FrontierPoint[] {
  const chosenKey = chosen.ids.join('+');
  return combinations.map((combination) => {
    const key = combination.ids.join('+');
    return {
      key: key === '' ? '∅' : key,
      name: combination.ids.length === 0 ? nothing : combination.ids.map(labelOf).join(' + '),
      costOnce: combination.costOnce,
      reliability: combination.reliability,
      value: combination.return?.valueOverHorizon ?? (combination.loss ? 0 : null),
      affordable: combination.affordable,
      chosen: key === chosenKey,
    };
  });
}

/**
 * The scenario a chosen set of options becomes: built from the options alone, under `name`.
 * Returns null when nothing is chosen (the baseline needs no scenario).
 */
export function scenarioFromChoice(
  chosen: readonly string[],
  name: string,
): { name: string; options: string[]; changes: [] } | null {
  if (chosen.length === 0) return null;
  return { name, options: [...chosen], changes: [] };
}
