/**
 * `failpoint trace FILE [--customers N] [--seed S] [--scenario ID] [--json]`: customers walked
 * through the blueprint one node at a time by the engine's trace (the reference meaning of a
 * trial), with the share served against the exact R and the first customers' paths.
 */
import type { Model } from '../sim/model';
import { DEFAULT_SEED } from '../sim/montecarlo';
import {
  runTrace,
  traceVisitLimit,
  type TracedCustomer,
  type TraceEvent,
  type TraceSummary,
} from '../sim/trace';
import { attachNegativeValues, parseCommandArgs } from './args';
import { idTable, writeJsonDocument, shown } from './escape';
import { count, truncate } from './format';
import { during, EXIT, UsageError, type CliIO } from './io';
import type { CliLanguage } from './language';
import { exactReliability, loadBlueprint } from './load';
import { pickModel } from './scenario';

/** Customers walked unless `--customers` says otherwise. */
export const DEFAULT_TRACE_CUSTOMERS = 10_000;
/** Most customers `--customers` accepts: the trace reads well, it is not the fast path. */
export const MAX_TRACE_COMMAND_CUSTOMERS = 10_000_000;
/** Customers whose paths are printed (and whose events `--json` gives). */
const SHOWN = 5;
/** Nodes of a path printed before the rest is summed up. */
const PATH_LIMIT = 40;
const LABEL_WIDTH = 48;

interface TraceArguments {
  file: string;
  customers: number;
  seed: number;
  scenario: string | undefined;
  json: boolean;
}

/** The command's sentences, in English and Chinese. */
interface TraceMessages {
  badWholeNumber(option: string, min: number, max: number, what: string, got: string): string;
  customersWhat: string;
  seedWhat: string;
  title(title: string, scenario: string | undefined, customers: number, seed: number): string;
  served(successes: number, customers: number, share: string, se: string): string;
  exact(r: string, deviation: number): string;
  failed(failures: number, id: string, label: string, atPoint: number): string;
  noneFailed: string;
  stopped(stopped: number, limit: number): string;
  perCustomer(parts: string[]): string;
  quantity(key: string, value: number): string;
  firstCustomers(n: number): string;
  outcomeServed(label: string): string;
  outcomeFailed(id: string, label: string): string;
  outcomeStopped(visits: number): string;
  after(parts: string[]): string;
  moreVisits(n: number): string;
  needs(reached: number, branches: number, needed: number): string;
}

const LABELS = {
  servedLabel: { en: 'Served', zh: '服务成功' },
  exactLabel: { en: 'Exact analysis', zh: '精确分析' },
  failedLabel: { en: 'Failed', zh: '失败' },
  guardLabel: { en: 'Loop guard', zh: '循环保护' },
  perLabel: { en: 'Per customer', zh: '每位顾客' },
} as const;

const en: TraceMessages = {
  badWholeNumber: (option, min, max, what, got) =>
    `${option} must be a whole number from ${min} to ${max.toLocaleString('en-US')} (${what}); got "${got}".`,
  customersWhat: 'the number of customers to walk',
  seedWhat: 'the seed',
  title: (title, scenario, customers, seed) =>
    `${title}${scenario ? ` — scenario "${scenario}"` : ''} — trace of ${count(customers)} customer${customers === 1 ? '' : 's'}, seed ${seed}`,
  served: (successes, customers, share, se) =>
    `${count(successes)} of ${count(customers)} customers: ${share} (standard error ${se})`,
  exact: (r, deviation) =>
    `R = ${r}  (the share served is ${Math.abs(deviation).toFixed(1)} standard errors ${deviation < 0 ? 'below' : 'above'} it)`,
  failed: (failures, id, label, atPoint) =>
    `${count(failures)} customers; most at ${id} "${label}" (${count(atPoint)})`,
  noneFailed: 'no customer',
  stopped: (stopped, limit) =>
    `${count(stopped)} trials stopped after visiting ${count(limit)} nodes, counted apart`,
  perCustomer: (parts) => `${parts.join(', ')} on average`,
  quantity: (key, value) =>
    key === 'time' ? `${value.toFixed(1)} minutes` : `${key} ${value.toFixed(2)}`,
  firstCustomers: (n) =>
    `${n === 1 ? 'The first customer' : `The first ${n} customers`} (↺ a failure caught by the recovery, ✗ a failure not caught)`,
  outcomeServed: (label) => `✓ served at "${label}"`,
  outcomeFailed: (id, label) => `✗ failed at ${id} "${label}"`,
  outcomeStopped: (visits) => `⏹ stopped by the loop guard after ${count(visits)} visits`,
  after: (parts) => ` (${parts.join(', ')})`,
  moreVisits: (n) => `… ${count(n)} more`,
  needs: (reached, branches, needed) => `${reached}/${branches}, needs ${needed}`,
};

const zh: TraceMessages = {
  badWholeNumber: (option, min, max, what, got) =>
    `${option} 必须是 ${min} 到 ${max.toLocaleString('en-US')} 之间的整数（${what}）；收到的是“${got}”。`,
  customersWhat: '要走过蓝图的顾客人数',
  seedWhat: '随机种子',
  title: (title, scenario, customers, seed) =>
    `${title}${scenario ? ` —— 方案“${scenario}”` : ''} —— ${count(customers)} 位顾客的轨迹，种子 ${seed}`,
  served: (successes, customers, share, se) =>
    `${count(customers)} 位顾客中 ${count(successes)} 位：${share}（标准误 ${se}）`,
  exact: (r, deviation) =>
    `R = ${r}（成功比例比它${deviation < 0 ? '低' : '高'} ${Math.abs(deviation).toFixed(1)} 个标准误）`,
  failed: (failures, id, label, atPoint) =>
    `${count(failures)} 位顾客；最多在 ${id}“${label}”（${count(atPoint)} 位）`,
  noneFailed: '没有顾客',
  stopped: (stopped, limit) =>
    `${count(stopped)} 次试验在访问 ${count(limit)} 个节点后被停止，单独计数`,
  perCustomer: (parts) => `平均 ${parts.join('，')}`,
  quantity: (key, value) =>
    key === 'time' ? `${value.toFixed(1)} 分钟` : `成本 ${value.toFixed(2)}`,
  firstCustomers: (n) => `前 ${n} 位顾客（↺ 失误被补救，✗ 失误未被补救）`,
  outcomeServed: (label) => `✓ 在“${label}”完成服务`,
  outcomeFailed: (id, label) => `✗ 失败于 ${id}“${label}”`,
  outcomeStopped: (visits) => `⏹ 访问 ${count(visits)} 个节点后被循环保护停止`,
  after: (parts) => `（${parts.join('，')}）`,
  moreVisits: (n) => `… 另有 ${count(n)} 个`,
  needs: (reached, branches, needed) => `${reached}/${branches}，需要 ${needed}`,
};

const MESSAGES: Record<CliLanguage, TraceMessages> = { en, zh };

/** `failpoint trace …`; returns the exit code. Argument mistakes print a sentence and give 2. */
export async function runTraceCommand(argv: string[], io: CliIO): Promise<number> {
  const language = io.language ?? 'en';
  try {
    return await traceCommand(argv, io, language);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`failpoint: ${shown(error.in(language))}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

const NUMERIC_OPTIONS = new Set(['--customers', '--seed']);

/** Reads the options; every mistake is a {@link UsageError} naming the option. */
export function parseTraceArguments(argv: string[], language: CliLanguage = 'en'): TraceArguments {
  const say = MESSAGES[language];
  const { file, values } = parseCommandArgs('trace', attachNegativeValues(argv, NUMERIC_OPTIONS), {
    customers: { type: 'string' },
    seed: { type: 'string' },
    scenario: { type: 'string' },
    json: { type: 'boolean' },
  });
  const whole = (option: string, text: string, min: number, max: number, what: string) => {
    const cleaned = text.trim().replace(/[_,]/g, '');
    const value = cleaned === '' ? NaN : Number(cleaned);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new UsageError(say.badWholeNumber(option, min, max, what, text));
    }
    return value;
  };
  return {
    file,
    customers:
      values.customers === undefined
        ? DEFAULT_TRACE_CUSTOMERS
        : whole('--customers', values.customers, 1, MAX_TRACE_COMMAND_CUSTOMERS, say.customersWhat),
    seed:
      values.seed === undefined
        ? DEFAULT_SEED
        : whole('--seed', values.seed, 0, Number.MAX_SAFE_INTEGER, say.seedWhat),
    scenario: values.scenario,
    json: values.json ?? false,
  };
}

async function traceCommand(argv: string[], io: CliIO, language: CliLanguage): Promise<number> {
  const args = parseTraceArguments(argv, language);
  const loaded = await loadBlueprint(args.file, io);
  if (!loaded.ok) return loaded.exitCode;
  const { blueprint } = loaded;
  const model = pickModel(blueprint, args.scenario);
  const summary = during('trace', args.file, () =>
    runTrace(model, { customers: args.customers, seed: args.seed, show: SHOWN }),
  );
  const exact = exactReliability(model);
  if (args.json) {
    writeJsonDocument(io.stdout, traceJson(summary, exact, args.scenario, model));
  } else {
    const scenarioName =
      args.scenario && args.scenario !== 'baseline'
        ? blueprint.scenarios.find((s) => s.id === args.scenario)?.name
        : undefined;
    const title = blueprint.document.title ?? args.file;
    io.stdout(traceText(title, scenarioName, model, summary, exact, language));
  }
  return EXIT.ok;
}

/** How far the traced share is from the exact R, in standard errors (signed). */
function deviation(summary: TraceSummary, exact: number): number {
  const difference = summary.reliability - exact;
  if (summary.standardError > 0) return difference / summary.standardError;
  return difference === 0 ? 0 : difference > 0 ? Infinity : -Infinity;
}

/**
 * The `--json` document: the figures first, then the first customers with their events. With
 * the model, the id-keyed tables are rebuilt in node order as objects without a prototype, so
 * that any node id is a key of them.
 */
export function traceJson(
  summary: TraceSummary,
  exact: number | null,
  scenario?: string,
  model?: Model,
) {
  const byId = (table: Record<string, number>) =>
    model
      ? idTable(
          model.nodes.map((n) => [n.id, Object.hasOwn(table, n.id) ? table[n.id] : undefined]),
        )
      : table;
  return {
    ...(scenario ? { scenario } : {}),
    customers: summary.customers,
    successes: summary.successes,
    failures: summary.failures,
    reliability: summary.reliability,
    standardError: summary.standardError,
    seed: summary.seed,
    exactReliability: exact,
    standardErrorsFromExact: exact === null ? null : deviation(summary, exact),
    failPoints: byId(summary.failPoints),
    recoveries: byId(summary.recoveries),
    uncaughtFailures: byId(summary.uncaughtFailures),
    loopGuardStops: summary.stopped,
    visits: byId(summary.visits),
    quantities: summary.quantities,
    customersShown: summary.shown.map((customer) => ({
      index: customer.customer,
      outcome: customer.outcome,
      ...(customer.outcome === 'failure' ? { failPoint: customer.endedAt } : {}),
      endedAt: customer.endedAt,
      events: customer.events,
    })),
  };
}

function traceText(
  title: string,
  scenario: string | undefined,
  model: Model,
  summary: TraceSummary,
  exact: number | null,
  language: CliLanguage,
): string {
  const say = MESSAGES[language];
  const label = (id: string) =>
    truncate(shown(model.nodes[model.indexOf.get(id)!].label || id), LABEL_WIDTH);
  const row = (name: { en: string; zh: string }, text: string) => {
    // Chinese characters take two columns on a terminal.
    const width = [...name[language]].reduce(
      (w, c) => w + (c.codePointAt(0)! >= 0x2e80 ? 2 : 1),
      0,
    );
    return `  ${name[language]}${' '.repeat(Math.max(2, 20 - width))}${text}\n`;
  };

  let out = `${say.title(shown(title), scenario === undefined ? undefined : shown(scenario), summary.customers, summary.seed)}\n\n`;
  out += row(
    LABELS.servedLabel,
    say.served(
      summary.successes,
      summary.customers,
      summary.reliability.toFixed(4),
      summary.standardError.toFixed(4),
    ),
  );
  if (exact !== null) {
    out += row(LABELS.exactLabel, say.exact(exact.toFixed(6), deviation(summary, exact)));
  }
  const worst = Object.entries(summary.failPoints).sort((a, b) => b[1] - a[1])[0];
  out += row(
    LABELS.failedLabel,
    worst
      ? say.failed(summary.failures, shown(worst[0]), label(worst[0]), worst[1])
      : say.noneFailed,
  );
  if (summary.stopped > 0) {
    out += row(LABELS.guardLabel, say.stopped(summary.stopped, traceVisitLimit(model)));
  }
  if (summary.quantities.length > 0) {
    out += row(
      LABELS.perLabel,
      say.perCustomer(summary.quantities.map((q) => say.quantity(q.key, q.mean))),
    );
  }
  out += `\n  ${say.firstCustomers(summary.shown.length)}\n`;
  for (const customer of summary.shown) {
    out += `  #${customer.customer}  ${customerLine(customer, model, say)}\n`;
  }
  return out;
}

/** A part of a printed path: a node (with its marks) or a parallel block's branches. */
type PathPart = string | { branches: number[] };

/**
 * One customer's path on one line: `start → s1 → s2 ↺ → … → end ✓ served at "…"`. A recovered
 * step is marked ↺, an uncaught failure ✗ (a failure edge then goes on to the rework), and a
 * parallel block shows its branches in brackets, then its join with the branches that reached it.
 */
function customerLine(customer: TracedCustomer, model: Model, say: TraceMessages): string {
  const parts = new Map<number, PathPart[]>([[0, []]]);
  const partsOf = (token: number) => {
    let list = parts.get(token);
    if (!list) parts.set(token, (list = []));
    return list;
  };
  const mark = (token: number, sign: string) => {
    const list = partsOf(token);
    list[list.length - 1] = `${String(list[list.length - 1])} ${sign}`;
  };
  let ended: Extract<TraceEvent, { kind: 'ended' }> | undefined;
  for (const event of customer.events) {
    switch (event.kind) {
      case 'arrive':
        // A branch arriving at its join ends there; the block's `joined` event shows the join.
        if (model.nodes[event.node].type !== 'join') partsOf(event.token).push(shown(event.nodeId));
        break;
      case 'recovered':
        mark(event.token, '↺');
        break;
      case 'failed':
        // The customer's own last failure is told by the outcome at the end of the line.
        if (event.token !== 0 || event.edge >= 0) mark(event.token, '✗');
        break;
      case 'split':
        partsOf(event.token).push({ branches: event.branches.map((b) => b.token) });
        break;
      case 'joined':
        partsOf(event.token).push(
          `${shown(event.nodeId)} (${say.needs(event.reached, event.branches, event.needed)}) ${event.passed ? '✓' : '✗'}`,
        );
        break;
      case 'ended':
        ended = event;
        break;
      default:
        break;
    }
  }
  const render = (token: number): string =>
    partsOf(token)
      .map((part) =>
        typeof part === 'string' ? part : `[ ${part.branches.map(render).join(' | ')} ]`,
      )
      .join(' → ');
  const top = partsOf(0);
  if (top.length > PATH_LIMIT) {
    const head = top.slice(0, PATH_LIMIT - 2);
    const tail = top.slice(-2);
    parts.set(0, [...head, say.moreVisits(top.length - PATH_LIMIT), ...tail]);
  }
  let path = render(0);
  if (!ended) return path;
  const where = model.nodes[ended.node];
  const outcome =
    ended.outcome === 'success'
      ? say.outcomeServed(shown(where.label || where.id))
      : ended.outcome === 'failure'
        ? say.outcomeFailed(shown(where.id), truncate(shown(where.label || where.id), LABEL_WIDTH))
        : say.outcomeStopped(ended.visits);
  path += `  ${outcome}`;
  const spent = Object.entries(ended.totals).map(([key, value]) => say.quantity(shown(key), value));
  if (spent.length > 0) path += say.after(spent);
  return path;
}
