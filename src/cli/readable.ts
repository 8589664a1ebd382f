/**
 * The words of the readable (not `--json`) output of `analyze`, `compare` and `simulate`, in
 * English and Chinese. The figures themselves are formatted the same in both languages (a
 * point for decimals, commas for thousands), so that a table can be compared line by line
 * with its translation.
 */
import type { CliLanguage } from './language';

/** Pads a row label to `width` terminal columns, counting a CJK character as two. */
function labelled(label: string, width: number, text: string): string {
  let columns = 0;
  for (const char of label) columns += char.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return `  ${label}${' '.repeat(Math.max(2, width - columns))}${text}\n`;
}

interface ReadableText {
  /** `Title — scenario "X"`. */
  scenarioOf(title: string, scenario: string | undefined): string;
  reliability(text: string): string;
  failuresPer10k(n: string): string;
  failPointsTitle: string;
  failPointHeaders: readonly [string, string, string, string, string, string];
  stepsTitle: string;
  stepHeaders: readonly [string, string, string, string, string, string, string];
  tornadoTitle(delta: number): string;
  tornadoHeaders: readonly [string, string, string, string, string];
  formulaTitle: string;
  compareTitle(title: string): string;
  compareHeaders: readonly [string, string, string, string, string, string];
  /** The first row of the scenario tables. */
  baseline: string;
  noScenarios: string;
  monteCarlo: string;
  allStopped: string;
  simulatedReliability(r: string, low: string, high: string): string;
  exactNotComparable(r: string): string;
  exactAgainstInterval(r: string, inside: boolean): string;
  successes(n: string, of: string): string;
  trials(n: string, seconds: string, rate: string, workers: number, seed: number): string;
  precisionReached(precision: number, halfWidth: string): string;
  precisionMissed(precision: number, trials: string, halfWidth: string): string;
  loopGuard(stopped: string, limit: string, completed: string): string;
  interrupted: string;
  notSampled: string;
  whereTitle(top: number | null): string;
  whereHeaders: readonly [string, string, string, string, string];
  recoveriesTitle: string;
  recoveryHeaders: readonly [string, string, string, string];
  perCustomerTitle: string;
  perCustomerHeaders: readonly [string, string, string, string, string, string];
  timeRow: string;
  costRow: string;
  /** The progress bar's text: `42 %  1,000 trials  R ≈ …  3.1 M trials/s`. */
  progress(share: string, done: string, estimate: string, rate: string): string;
}

const EN: ReadableText = {
  scenarioOf: (title, scenario) => (scenario ? `${title} — scenario "${scenario}"` : title),
  reliability: (text) => labelled('System reliability', 20, text),
  failuresPer10k: (n) => labelled('Failures', 20, `${n} per 10,000 customers`),
  failPointsTitle: 'Fail points, most frequent first',
  failPointHeaders: ['#', 'node', 'where', 'P(fail here)', 'share', 'cumulative'],
  stepsTitle: 'Steps',
  stepHeaders: [
    'step',
    'label',
    'reliability',
    'with recovery',
    'share of failures',
    'importance ∂R/∂r',
    'if perfect',
  ],
  tornadoTitle: (delta) =>
    `Tornado: R with each step's reliability moved by ±${delta}, widest swing first`,
  tornadoHeaders: ['step', 'label', 'R low', 'R high', 'swing'],
  formulaTitle: 'Formula',
  compareTitle: (title) => `${title}: scenarios against the baseline`,
  compareHeaders: ['scenario', 'R', 'ΔR', 'growth', 'failures per 10,000', 'R (6 digits)'],
  baseline: 'Baseline',
  noScenarios: 'The blueprint has no scenarios yet; add some under "scenarios".',
  monteCarlo: 'Monte Carlo',
  allStopped: labelled(
    'System reliability',
    20,
    'not known: every trial was stopped by the loop guard, none reached an end',
  ),
  simulatedReliability: (r, low, high) =>
    labelled('System reliability', 20, `R = ${r}  (95 % interval ${low} – ${high})`),
  exactNotComparable: (r) =>
    labelled(
      'Exact analysis',
      20,
      `R = ${r}  (not comparable: the simulated R leaves out the stopped trials)`,
    ),
  exactAgainstInterval: (r, inside) =>
    labelled('Exact analysis', 20, `R = ${r}  (${inside ? 'inside' : 'outside'} the interval)`),
  successes: (n, of) => labelled('Successes', 20, `${n} of ${of} customers`),
  trials: (n, seconds, rate, workers, seed) =>
    labelled(
      'Trials',
      20,
      `${n} in ${seconds} s (${rate} trials/s on ${workers} worker${workers === 1 ? '' : 's'}), seed ${seed}`,
    ),
  precisionReached: (precision, halfWidth) =>
    labelled('Precision', 20, `±${precision} reached (half-width ${halfWidth})`),
  precisionMissed: (precision, trials, halfWidth) =>
    labelled(
      'Precision',
      20,
      `±${precision} not reached within ${trials} trials (half-width ${halfWidth})`,
    ),
  loopGuard: (stopped, limit, completed) =>
    labelled(
      'Loop guard',
      20,
      `${stopped} trials stopped after visiting more than ${limit} nodes (a loop that is hardly ever left); the figures are over the ${completed} that reached an end`,
    ),
  interrupted: labelled('Interrupted', 20, 'the figures are those of the trials done'),
  notSampled: labelled(
    'Time and cost',
    20,
    'not sampled (--reliability-only): R and fail points only',
  ),
  whereTitle: (top) => `Where customers fail${top === null ? '' : ` (top ${top})`}`,
  whereHeaders: ['node', 'label', 'failures', 'per 10,000', 'share'],
  recoveriesTitle: 'Recoveries used',
  recoveryHeaders: ['step', 'label', 'caught', 'per 10,000'],
  perCustomerTitle: 'Per customer',
  perCustomerHeaders: ['', 'mean', 'p50', 'p90', 'p95', 'p99'],
  timeRow: 'time (minutes)',
  costRow: 'cost',
  progress: (share, done, estimate, rate) =>
    `${share} %  ${done} trials  ${estimate}  ${rate} trials/s`,
};

const ZH: ReadableText = {
  scenarioOf: (title, scenario) => (scenario ? `${title} — 方案“${scenario}”` : title),
  reliability: (text) => labelled('系统可靠度', 16, text),
  failuresPer10k: (n) => labelled('失败', 16, `每 10,000 位顾客中 ${n} 位`),
  failPointsTitle: '失败点，按发生频率从高到低',
  failPointHeaders: ['#', '节点', '位置', '在此失败的概率', '占比', '累计'],
  stepsTitle: '步骤',
  stepHeaders: ['步骤', '名称', '可靠度', '含补救', '占失败的比例', '重要度 ∂R/∂r', '若完美'],
  tornadoTitle: (delta) => `龙卷风图：各步骤可靠度变动 ±${delta} 时的 R，按波动从大到小`,
  tornadoHeaders: ['步骤', '名称', 'R 下限', 'R 上限', '波动'],
  formulaTitle: '公式',
  compareTitle: (title) => `${title}：各方案与基线对比`,
  compareHeaders: ['方案', 'R', 'ΔR', '增长', '每 10,000 位失败', 'R（6 位）'],
  baseline: '基线',
  noScenarios: '此蓝图还没有方案；请在 "scenarios" 中添加。',
  monteCarlo: '蒙特卡洛模拟',
  allStopped: labelled('系统可靠度', 16, '未知：每次试验都被循环保护终止，没有一次走到终点'),
  simulatedReliability: (r, low, high) =>
    labelled('系统可靠度', 16, `R = ${r}（95 % 区间 ${low} – ${high}）`),
  exactNotComparable: (r) =>
    labelled('精确分析', 16, `R = ${r}（不可比：模拟的 R 不含被终止的试验）`),
  exactAgainstInterval: (r, inside) =>
    labelled('精确分析', 16, `R = ${r}（${inside ? '在区间内' : '在区间外'}）`),
  successes: (n, of) => labelled('成功', 16, `${of} 位顾客中 ${n} 位`),
  trials: (n, seconds, rate, workers, seed) =>
    labelled(
      '试验',
      16,
      `${n} 次，用时 ${seconds} 秒（${workers} 个工作线程，每秒 ${rate} 次），种子 ${seed}`,
    ),
  precisionReached: (precision, halfWidth) =>
    labelled('精度', 16, `已达到 ±${precision}（半宽 ${halfWidth}）`),
  precisionMissed: (precision, trials, halfWidth) =>
    labelled('精度', 16, `${trials} 次试验内未达到 ±${precision}（半宽 ${halfWidth}）`),
  loopGuard: (stopped, limit, completed) =>
    labelled(
      '循环保护',
      16,
      `${stopped} 次试验在访问超过 ${limit} 个节点后被终止（几乎无法离开的循环）；各项数字按走到终点的 ${completed} 次计`,
    ),
  interrupted: labelled('已中断', 16, '数字来自已完成的试验'),
  notSampled: labelled('时间与成本', 16, '未抽样（--reliability-only）：只有 R 和失败点'),
  whereTitle: (top) => `顾客在哪里失败${top === null ? '' : `（前 ${top} 个）`}`,
  whereHeaders: ['节点', '名称', '失败次数', '每 10,000 位', '占比'],
  recoveriesTitle: '使用的补救',
  recoveryHeaders: ['步骤', '名称', '挽回次数', '每 10,000 位'],
  perCustomerTitle: '每位顾客',
  perCustomerHeaders: ['', '均值', 'p50', 'p90', 'p95', 'p99'],
  timeRow: '时间（分钟）',
  costRow: '成本',
  progress: (share, done, estimate, rate) =>
    `${share} %  ${done} 次试验  ${estimate}  每秒 ${rate} 次`,
};

/** The words of the readable output in `language`. */
export function readableText(language: CliLanguage): ReadableText {
  return language === 'zh' ? ZH : EN;
}
