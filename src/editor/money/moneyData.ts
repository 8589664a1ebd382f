/**
 * What the Money panel shows (SPEC §9), worked out from the editor's document: the baseline's
 * yearly loss and the scenarios' money table, the budget optimiser's answer with its
 * frontiers, and the scenario a chosen set of options becomes. React-free, so it is tested
 * without a browser.
 *
 * The figures are computed on the main thread from a check of the document, and only while the
 * panel is open: for the courier, about 20 ms for the check and the money table and 2–15 ms for
 * the optimiser's 16 combinations (Node 22, warm).
 */
import type { BlueprintDocument } from '../../sim/document';
import type { Combination } from '../../sim/money/optimize';
import {
  optimizeBlueprint,
  scenarioMoney,
  type BlueprintOptimization,
  type MoneyRow,
} from '../../sim/money';
import type { Economics } from '../../sim/money/definitions';
import { validateDocument, type Blueprint } from '../../sim/parse';
import type { Language } from '../i18n';

/** The money of a document, or why there is none. */
export type MoneyView =
  | { kind: 'invalid' }
  | { kind: 'no-economics'; blueprint: Blueprint }
  | { kind: 'ok'; blueprint: Blueprint; economics: Economics; rows: MoneyRow[] };

/** The money of the editor's document: invalid, without economics, or its money table. */
export function moneyView(document: BlueprintDocument): MoneyView {
  const parsed = validateDocument(document);
  if (!parsed.ok) return { kind: 'invalid' };
  const { blueprint } = parsed;
  const rows = scenarioMoney(blueprint);
  if (!blueprint.economics || !rows) return { kind: 'no-economics', blueprint };
  return { kind: 'ok', blueprint, economics: blueprint.economics, rows };
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

/** The budget optimiser's answer, or why it has none. */
export type OptimizerView =
  | { ok: true; result: BlueprintOptimization }
  | { ok: false; reason: 'no-options' | 'no-economics' | 'bad-budget' };

/** Runs the optimiser for a typed budget (null when it cannot be read). */
export function optimizerView(
  blueprint: Blueprint,
  budget: number | null,
  goal: 'value' | 'reliability',
): OptimizerView {
  if (budget === null) return { ok: false, reason: 'bad-budget' };
  return optimizeBlueprint(blueprint, budget, goal);
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
