/**
 * The budget the manager is weighing, shared by the Money panel (where it is typed) and the
 * printed report (whose "chosen options" are the optimiser's answer at that budget). Kept as
 * typed text, so a half-typed amount survives switching tabs; `null` until the user types one,
 * which means "a budget that buys every option".
 */
import { create } from 'zustand';
import type { OptimizeGoal } from '../../sim/money/optimize';

export interface BudgetState {
  /** The one-off budget as typed, or `null` for the sum of every option's one-off cost. */
  budgetText: string | null;
  /**
   * The yearly budget (the most the options may cost a year) as typed; empty for no bound on
   * the running cost.
   */
  yearlyBudgetText: string;
  /** What the optimiser maximises. */
  goal: OptimizeGoal;
}

export const useBudgetState = create<BudgetState>(() => ({
  budgetText: null,
  yearlyBudgetText: '',
  goal: 'value',
}));

/** Sets the one-off budget as typed (any text; the panel says when it is not an amount). */
export function setBudgetText(text: string): void {
  useBudgetState.setState({ budgetText: text });
}

/** Sets the yearly budget as typed (any text; empty for no bound). */
export function setYearlyBudgetText(text: string): void {
  useBudgetState.setState({ yearlyBudgetText: text });
}

/** Sets what the optimiser maximises. */
export function setBudgetGoal(goal: OptimizeGoal): void {
  useBudgetState.setState({ goal });
}

/** Forgets the typed budgets (another blueprint was opened: its options cost something else). */
export function resetBudget(): void {
  useBudgetState.setState({ budgetText: null, yearlyBudgetText: '', goal: 'value' });
}
