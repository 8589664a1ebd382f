/**
 * The fields of a blueprint's economics, in one place: what each is, its unit, whether a file
 * must give it and what it means when absent. The parser checks them from this list, the
 * inspector builds its form from it and the command line names them with it.
 */

/** What kind of number a field holds, which decides its unit and its allowed range. */
export type EconomicsFieldKind =
  /** Customers or people, ≥ 0. */
  | 'count'
  /** Currency units, ≥ 0. */
  | 'money'
  /** A share, 0–1. */
  | 'share'
  /** Years, ≥ 0. */
  | 'years'
  /** Visits a year, ≥ 0. */
  | 'rate';

/** One number of the economics. */
export interface EconomicsField {
  /** Dotted key, as the inspector and the messages name it (`wordOfMouth.told`). */
  key: EconomicsFieldKey;
  /** Where it sits in the `economics` object. */
  path: readonly string[];
  kind: EconomicsFieldKind;
  /** Whether a file with economics must give it. */
  required: boolean;
  /** Its value when absent (only for fields that are not required). */
  absent?: number;
}

export type EconomicsFieldKey =
  | 'customersPerYear'
  | 'customerValue'
  | 'customerValue.spendPerVisit'
  | 'customerValue.visitsPerYear'
  | 'customerValue.years'
  | 'lostShare'
  | 'wordOfMouth.told'
  | 'wordOfMouth.lostShare'
  | 'failureCost'
  | 'horizonYears';

/** Years over which a one-off cost is weighed when the economics do not say. */
export const DEFAULT_HORIZON_YEARS = 3;

/**
 * The numbers of the economics. `customerValue` is either a number (its own row) or spending
 * (the three `customerValue.*` rows).
 */
export const ECONOMICS_FIELDS: readonly EconomicsField[] = [
  { key: 'customersPerYear', path: ['customersPerYear'], kind: 'count', required: true },
  { key: 'customerValue', path: ['customerValue'], kind: 'money', required: true },
  {
    key: 'customerValue.spendPerVisit',
    path: ['customerValue', 'spendPerVisit'],
    kind: 'money',
    required: true,
  },
  {
    key: 'customerValue.visitsPerYear',
    path: ['customerValue', 'visitsPerYear'],
    kind: 'rate',
    required: true,
  },
  { key: 'customerValue.years', path: ['customerValue', 'years'], kind: 'years', required: true },
  { key: 'lostShare', path: ['lostShare'], kind: 'share', required: true },
  {
    key: 'wordOfMouth.told',
    path: ['wordOfMouth', 'told'],
    kind: 'count',
    required: false,
    absent: 0,
  },
  {
    key: 'wordOfMouth.lostShare',
    path: ['wordOfMouth', 'lostShare'],
    kind: 'share',
    required: false,
    absent: 0,
  },
  { key: 'failureCost', path: ['failureCost'], kind: 'money', required: false, absent: 0 },
  {
    key: 'horizonYears',
    path: ['horizonYears'],
    kind: 'years',
    required: false,
    absent: DEFAULT_HORIZON_YEARS,
  },
];

/** The fields of an option's price: both money, the yearly one 0 when absent. */
export const OPTION_COST_FIELDS = [
  { key: 'costOnce', kind: 'money', required: true },
  { key: 'costPerYear', kind: 'money', required: false, absent: 0 },
] as const;

/** Whether a value of this kind is allowed: shares in 0–1, everything else not negative. */
export function economicsValueProblem(
  kind: EconomicsFieldKind,
  value: number,
): 'negative' | 'share' | null {
  if (kind === 'share') return value < 0 || value > 1 ? 'share' : null;
  return value < 0 ? 'negative' : null;
}
