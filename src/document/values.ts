/**
 * Values as the editor shows and compares them: a number-or-expression resolved against the
 * blueprint's parameters, probabilities as percentages, structural equality of small JSON
 * values. Pure functions, shared by the commands, the canvas, the inspector and the results.
 */
import type {
  BlueprintDocument,
  NodeSpec,
  NumberOrExpression,
  ReliabilitySpec,
  ScenarioSpec,
} from '../sim/document';
import { evaluateExpression, resolveParameters } from '../sim/expressions';

/** How a node is named in messages: its label, or its id when it has none. */
export function nodeName(node: Pick<NodeSpec, 'id' | 'label'>): string {
  return node.label?.trim() ? node.label : node.id;
}

/** Structural equality for the small JSON values of a document (numbers, strings, objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/**
 * A probability (0–1) as a percentage for display: at most `decimals` decimals, no trailing
 * zeros (`0.97` → `"97%"`, `1/3` → `"33.33%"`). Below 1 % two significant digits are kept, so a
 * small share never shows as `"0%"` (`0.000042` → `"0.0042%"`).
 */
export function formatPercent(p: number, decimals = 2): string {
  const percent = p * 100;
  if (percent !== 0 && Math.abs(percent) < 1) return `${Number(percent.toPrecision(2))}%`;
  return `${Number(percent.toFixed(decimals))}%`;
}

/** Parameter values of a document (parameters that cannot be evaluated are left out). */
export function parameterValues(document: BlueprintDocument): Map<string, number> {
  const specs = new Map<string, number | string>();
  for (const [name, spec] of Object.entries(document.parameters ?? {})) specs.set(name, spec.value);
  return resolveParameters(specs).values;
}

/** A number or expression → its value, or null when it cannot be evaluated. */
export function resolveValue(
  value: NumberOrExpression | undefined,
  parameters: ReadonlyMap<string, number>,
): number | null {
  if (value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const result = evaluateExpression(value, parameters);
  return result.ok ? result.value : null;
}

/** A number or expression → its value when it is a probability (0–1), else null. */
export function probabilityValue(
  value: NumberOrExpression | undefined,
  parameters: ReadonlyMap<string, number>,
): number | null {
  const resolved = resolveValue(value, parameters);
  return resolved !== null && resolved >= 0 && resolved <= 1 ? resolved : null;
}

/** A step's reliability as a probability (default 1; observed data gives successes / trials). */
export function reliabilityValue(
  spec: ReliabilitySpec | undefined,
  parameters: ReadonlyMap<string, number>,
): number | null {
  if (spec === undefined) return 1;
  if (typeof spec === 'object') {
    return spec.trials > 0 && spec.successes >= 0 && spec.successes <= spec.trials
      ? spec.successes / spec.trials
      : null;
  }
  return probabilityValue(spec, parameters);
}

/** Nodes and edges a scenario changes. */
export function scenarioTargets(scenario: ScenarioSpec | undefined): {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
} {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const change of scenario?.changes ?? []) {
    if ('node' in change) nodes.add(change.node);
    else if ('edge' in change) edges.add(change.edge);
  }
  return { nodes, edges };
}
