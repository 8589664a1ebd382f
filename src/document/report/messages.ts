/**
 * The words of the printed report, in English and Simplified Chinese. Both catalogues have the
 * type {@link ReportMessages}, so a sentence missing in one language is a compile error.
 */
import type { OptimizeGoal, OptimizeMethod } from '../../sim/money';

/** The languages a report is printed in. */
export type ReportLanguage = 'en' | 'zh';

/** Every word of the report that does not come from the blueprint. */
export interface ReportMessages {
  /** `lang` of the HTML document. */
  htmlLang: string;
  /** The small line above the title. */
  kicker: string;
  untitled: string;
  /** The HTML document's `<title>`. */
  documentTitle: (title: string) => string;
  reliability: string;
  reliabilityNote: (percent: string) => string;
  failures: string;
  failuresNote: string;
  valueLost: string;
  valueLostNote: (failed: string, lost: string) => string;
  noEconomics: string;
  drawing: string;
  drawingLabel: string;
  pareto: string;
  paretoChart: string;
  paretoCumulative: string;
  paretoHeaders: {
    rank: string;
    failPoint: string;
    per10k: string;
    share: string;
    cumulative: string;
    valueLost: string;
  };
  noFailures: string;
  scenarios: string;
  baseline: string;
  scenarioHeaders: {
    scenario: string;
    reliability: string;
    delta: string;
    change: string;
    per10k: string;
    failedPerYear: string;
    protectedPerYear: string;
    costOnce: string;
    costPerYear: string;
    netPerYear: string;
    payback: string;
    roi: string;
  };
  moneyNote: (currency: string, years: string) => string;
  options: string;
  optionHeaders: {
    option: string;
    costOnce: string;
    costPerYear: string;
    reliability: string;
    netPerYear: string;
    payback: string;
    roi: string;
  };
  chosenMark: string;
  choice: string;
  /** `yearly` is the yearly budget, or null when the running cost has no bound. */
  choiceBudget: (budget: string, yearly: string | null, goal: OptimizeGoal) => string;
  choiceBudgetAll: (budget: string, yearly: string | null, goal: OptimizeGoal) => string;
  choiceNothing: string;
  choiceReliability: string;
  choiceNet: string;
  choicePayback: string;
  method: (method: OptimizeMethod, evaluated: string) => string;
  more: (count: number) => string;
  years: (years: string) => string;
  never: string;
  footer: string;
  /** The footer of a blueprint without economics. */
  footerNoMoney: string;
}

const en: ReportMessages = {
  htmlLang: 'en',
  kicker: 'Service reliability report',
  untitled: 'Untitled blueprint',
  documentTitle: (title) => `${title} – reliability report`,
  reliability: 'System reliability R',
  reliabilityNote: (percent) => `${percent} of customers are served without a failure`,
  failures: 'Failures',
  failuresNote: 'per 10,000 customers',
  valueLost: 'Value lost a year',
  valueLostNote: (failed, lost) => `${failed} customers meet a failure, ${lost} are lost`,
  noEconomics: 'No economics in this blueprint: its failures are not valued in money.',
  drawing: 'The blueprint',
  drawingLabel: 'The service blueprint, steps tinted by their share of the failures',
  pareto: 'Where customers fail',
  paretoChart: 'Failures per 10,000 customers at each fail point, with the cumulative share',
  paretoCumulative: 'cumulative',
  paretoHeaders: {
    rank: '#',
    failPoint: 'Fail point',
    per10k: 'per 10,000',
    share: 'Share',
    cumulative: 'Cumul.',
    valueLost: 'Value lost / yr',
  },
  noFailures: 'No customer meets a failure in this blueprint.',
  scenarios: 'Scenarios against the baseline',
  baseline: 'Baseline',
  scenarioHeaders: {
    scenario: 'Scenario',
    reliability: 'R',
    delta: 'ΔR',
    change: 'Change',
    per10k: 'Failures / 10,000',
    failedPerYear: 'Failed / yr',
    protectedPerYear: 'Protected / yr',
    costOnce: 'Cost once',
    costPerYear: 'Cost / yr',
    netPerYear: 'Net / yr',
    payback: 'Payback',
    roi: 'ROI',
  },
  moneyNote: (currency, years) => `Money in ${currency}; ROI over ${years} years.`,
  options: 'Improvement options',
  optionHeaders: {
    option: 'Option',
    costOnce: 'Cost once',
    costPerYear: 'Cost / yr',
    reliability: 'R alone',
    netPerYear: 'Net / yr',
    payback: 'Payback',
    roi: 'ROI',
  },
  chosenMark: 'chosen',
  choice: 'Chosen options',
  choiceBudget: (budget, yearly, goal) =>
    `Within a one-off budget of ${budget}${yearly === null ? '' : ` and ${yearly} a year`}, for ${goal === 'value' ? 'the most value' : 'the highest R'}:`,
  choiceBudgetAll: (budget, yearly, goal) =>
    `With a one-off budget that buys every option (${budget})${yearly === null ? '' : ` and ${yearly} a year`}, for ${goal === 'value' ? 'the most value' : 'the highest R'}:`,
  choiceNothing: 'Nothing: no affordable combination does better than the blueprint as it is.',
  choiceReliability: 'R',
  choiceNet: 'Net a year',
  choicePayback: 'Payback',
  method: (method, evaluated) =>
    method === 'greedy'
      ? `Greedy search over ${evaluated} combinations (too many to try all on a blueprint of this size).`
      : `Every one of the ${evaluated} combinations evaluated exactly.`,
  more: (count) => `and ${count} more`,
  years: (years) => `${years} yr`,
  never: 'never',
  footer:
    'Figures from Failpoint’s exact analysis of the blueprint; money from the economics and prices the blueprint file gives.',
  footerNoMoney: 'Figures from Failpoint’s exact analysis of the blueprint.',
};

const zh: ReportMessages = {
  htmlLang: 'zh-Hans',
  kicker: '服务可靠性报告',
  untitled: '未命名蓝图',
  documentTitle: (title) => `${title} – 可靠性报告`,
  reliability: '系统可靠度 R',
  reliabilityNote: (percent) => `${percent} 的顾客在服务中没有遇到失败`,
  failures: '失败',
  failuresNote: '每 10,000 位顾客',
  valueLost: '每年损失的价值',
  valueLostNote: (failed, lost) => `${failed} 位顾客遇到失败，流失 ${lost} 位`,
  noEconomics: '此蓝图没有经济参数：失败没有折算为金额。',
  drawing: '服务蓝图',
  drawingLabel: '服务蓝图，步骤按其失败占比着色',
  pareto: '顾客在哪里遇到失败',
  paretoChart: '各失败点每 10,000 位顾客中的失败数及累计占比',
  paretoCumulative: '累计',
  paretoHeaders: {
    rank: '#',
    failPoint: '失败点',
    per10k: '每万人',
    share: '占比',
    cumulative: '累计',
    valueLost: '每年损失价值',
  },
  noFailures: '此蓝图中没有顾客遇到失败。',
  scenarios: '各方案与基准的比较',
  baseline: '基准',
  scenarioHeaders: {
    scenario: '方案',
    reliability: 'R',
    delta: 'ΔR',
    change: '变化',
    per10k: '每万人失败',
    failedPerYear: '每年失败',
    protectedPerYear: '每年挽回',
    costOnce: '一次性成本',
    costPerYear: '每年成本',
    netPerYear: '每年净收益',
    payback: '回收期',
    roi: '回报率',
  },
  moneyNote: (currency, years) => `金额单位 ${currency}；投资回报率按 ${years} 年计。`,
  options: '改进选项',
  optionHeaders: {
    option: '选项',
    costOnce: '一次性成本',
    costPerYear: '每年成本',
    reliability: '单独 R',
    netPerYear: '每年净收益',
    payback: '回收期',
    roi: '回报率',
  },
  chosenMark: '选中',
  choice: '选中的选项',
  choiceBudget: (budget, yearly, goal) =>
    `一次性预算 ${budget}${yearly === null ? '' : `、每年预算 ${yearly}`} 内，目标为${goal === 'value' ? '价值最大' : '可靠度最高'}：`,
  choiceBudgetAll: (budget, yearly, goal) =>
    `一次性预算足以购买全部选项（${budget}）${yearly === null ? '' : `，每年预算 ${yearly}`}，目标为${goal === 'value' ? '价值最大' : '可靠度最高'}：`,
  choiceNothing: '不选：在预算内没有任何组合比现状更好。',
  choiceReliability: 'R',
  choiceNet: '每年净收益',
  choicePayback: '回收期',
  method: (method, evaluated) =>
    method === 'greedy'
      ? `贪心搜索，共计算 ${evaluated} 种组合（就此蓝图的规模而言组合太多，无法穷举）。`
      : `全部 ${evaluated} 种组合都经过精确计算。`,
  more: (count) => `另有 ${count} 项`,
  years: (years) => `${years} 年`,
  never: '无法回收',
  footer: '数据来自 Failpoint 对蓝图的精确分析；金额依据蓝图文件中的经济参数和价格。',
  footerNoMoney: '数据来自 Failpoint 对蓝图的精确分析。',
};

/** The report's words in a language. */
export const REPORT_MESSAGES: Readonly<Record<ReportLanguage, ReportMessages>> = { en, zh };
