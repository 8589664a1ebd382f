/**
 * Failures turned into money (SPEC §9): what a blueprint's failures cost a year, and what an
 * improvement earns against the baseline. Every function here takes resolved numbers (the
 * expressions of a file already evaluated) and is written as the definitions read, so that a
 * test can recompute any figure by hand.
 *
 * Units: customers and failures are counts per year; money is in the blueprint's currency
 * (per year where the name says so); shares and reliabilities are probabilities, 0–1.
 */

/** A customer's value given as spending: spend per visit × visits per year × years. */
export interface CustomerSpending {
  /** Currency units per visit. */
  spendPerVisit: number;
  /** Visits per year. */
  visitsPerYear: number;
  /** Years a kept customer stays. */
  years: number;
}

/** The economics of a blueprint with every number resolved. */
export interface Economics {
  /** ISO 4217 code or any short name of the currency ("CNY", "EUR"). */
  currency: string;
  /** Customers served (attempted) per year. */
  customersPerYear: number;
  /** What a kept customer is worth over the years they stay, in currency units. */
  customerValue: number;
  /** Share, 0–1, of failed customers who leave. */
  lostShare: number;
  /** Word of mouth: each failed customer tells `told` people, `lostShare` of whom are lost. */
  wordOfMouth: { told: number; lostShare: number };
  /** Cost of handling one failure (complaint, redelivery), currency units. */
  failureCost: number;
  /** Years over which a one-off cost is weighed against yearly returns. */
  horizonYears: number;
}

/** What a blueprint's (or a scenario's) failures cost in one year. */
export interface YearlyLoss {
  /** R, probability 0–1. */
  reliability: number;
  /** customersPerYear × (1 − R): customers whose service fails, per year. */
  failedPerYear: number;
  /** failedPerYear × lostShare: customers who leave after their own failure, per year. */
  lostDirectlyPerYear: number;
  /** failedPerYear × told × wordOfMouth.lostShare: customers lost to what they hear, per year. */
  lostByWordOfMouthPerYear: number;
  /** lostDirectlyPerYear + lostByWordOfMouthPerYear. */
  lostPerYear: number;
  /** lostPerYear × customerValue + failedPerYear × failureCost, currency units per year. */
  valueLostPerYear: number;
  /**
   * customersPerYear × Σ over steps (expected recovery uses per customer × expected cost of one
   * use), currency units per year: what catching failures costs.
   */
  recoveryCostPerYear: number;
  /** valueLostPerYear + recoveryCostPerYear: what failures cost in all, per year. */
  totalLossPerYear: number;
}

/** What an improvement costs. */
export interface ImprovementCost {
  /** One-off cost, currency units. */
  costOnce: number;
  /** Running cost, currency units per year. */
  costPerYear: number;
}

/** What an improvement earns against the baseline. */
export interface ImprovementReturn extends ImprovementCost {
  /** Baseline's totalLossPerYear − the improvement's, currency units per year. */
  protectedPerYear: number;
  /** protectedPerYear − costPerYear, currency units per year. */
  netPerYear: number;
  /** costOnce / netPerYear, years; null when netPerYear ≤ 0 (it never pays back). */
  paybackYears: number | null;
  /**
   * (netPerYear × horizonYears − costOnce) / (costOnce + costPerYear × horizonYears): the return
   * on what is spent over the horizon, as a ratio (0.5 = 50 %); null when nothing is spent.
   */
  roi: number | null;
  /** netPerYear × horizonYears − costOnce: the value over the horizon, currency units. */
  valueOverHorizon: number;
}

/**
 * A customer's value from spending: spend per visit × visits per year × years (seed 004: 5 a
 * visit, a visit a week for ten years… 5 × 48 × 10 = 2,400).
 */
export function customerValueOf(value: number | CustomerSpending): number {
  return typeof value === 'number'
    ? value
    : value.spendPerVisit * value.visitsPerYear * value.years;
}

/**
 * People a single dissatisfied customer reaches (seed 004's ripple): the customer tells
 * `told` people, and `retold` of them (a share) each tell `second` more.
 *
 * @example rippleReach(26, 10, 0.33, 20) // 26 × 10 + 10 × 33 % × 20 = 326
 */
export function rippleReach(
  complainers: number,
  told: number,
  retoldShare: number,
  second: number,
): number {
  return complainers * told + told * retoldShare * second;
}

/**
 * The yearly loss of a blueprint of reliability `reliability` whose recoveries cost
 * `recoveryCostPerCustomer` (currency units per customer, see `recoveryCostPerCustomer` in
 * `./recovery`).
 */
export function yearlyLoss(
  economics: Economics,
  reliability: number,
  recoveryCostPerCustomer: number,
): YearlyLoss {
  const failedPerYear = economics.customersPerYear * (1 - reliability);
  const lostDirectlyPerYear = failedPerYear * economics.lostShare;
  const lostByWordOfMouthPerYear =
    failedPerYear * economics.wordOfMouth.told * economics.wordOfMouth.lostShare;
  const lostPerYear = lostDirectlyPerYear + lostByWordOfMouthPerYear;
  const valueLostPerYear =
    lostPerYear * economics.customerValue + failedPerYear * economics.failureCost;
  const recoveryCostPerYear = economics.customersPerYear * recoveryCostPerCustomer;
  return {
    reliability,
    failedPerYear,
    lostDirectlyPerYear,
    lostByWordOfMouthPerYear,
    lostPerYear,
    valueLostPerYear,
    recoveryCostPerYear,
    totalLossPerYear: valueLostPerYear + recoveryCostPerYear,
  };
}

/** What an improvement with loss `improved` and cost `cost` earns against `baseline`. */
export function improvementReturn(
  baseline: YearlyLoss,
  improved: YearlyLoss,
  cost: ImprovementCost,
  horizonYears: number,
): ImprovementReturn {
  const protectedPerYear = baseline.totalLossPerYear - improved.totalLossPerYear;
  const netPerYear = protectedPerYear - cost.costPerYear;
  const spent = cost.costOnce + cost.costPerYear * horizonYears;
  const valueOverHorizon = netPerYear * horizonYears - cost.costOnce;
  return {
    costOnce: cost.costOnce,
    costPerYear: cost.costPerYear,
    protectedPerYear,
    netPerYear,
    paybackYears: netPerYear > 0 ? cost.costOnce / netPerYear : null,
    roi: spent !== 0 ? valueOverHorizon / spent : null,
    valueOverHorizon,
  };
}
