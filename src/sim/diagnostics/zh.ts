/**
 * The diagnostic sentences in Simplified Chinese. Nodes are named by type, label and id
 * (步骤“客户填写运单”（s3）), other things by their id in quotes (连线“e3”). Text that comes from
 * elsewhere in English (a JSON parser's or an expression parser's explanation) is not repeated;
 * the sentence says what is wrong and where instead.
 */
import { EXPRESSION_FUNCTIONS, MAX_EXPRESSION_LENGTH } from '../expression-rules';
import type { NodeType } from '../model';
import { listed, shortened } from './bounds';
import type { Catalogue, Sentences } from './catalogue';
import type { DiagnosticDetail, Expected, FoundValue, NodeRef, Subject } from './params';

const NODE_TYPES: Readonly<Record<NodeType, string>> = {
  start: '开始节点',
  end: '结束节点',
  step: '步骤',
  decision: '判断节点',
  parallel: '并行分支节点',
  join: '汇合节点',
};

const FIELD_NAMES: Readonly<Record<string, string>> = {
  catch: '捕获率',
  changes: '变更列表',
  cost: '成本',
  description: '说明',
  dist: '分布类型',
  duration: '时长',
  edge: '连线',
  edges: '连线列表',
  format: '格式',
  id: '编号',
  k: '门限 k',
  kind: '类型',
  label: '标签',
  lane: '泳道',
  max: '最大值',
  mean: '均值',
  min: '最小值',
  mode: '最可能值',
  mu: '参数 μ',
  name: '名称',
  node: '节点',
  nodes: '节点列表',
  notes: '备注',
  outcome: '结局',
  parameter: '参数',
  parameters: '参数表',
  position: '位置',
  probability: '概率',
  recovery: '补救措施',
  reliability: '可靠度',
  scenarios: '方案列表',
  sd: '标准差',
  set: '“set”部分',
  customersPerYear: '每年顾客数',
  customerValue: '顾客价值',
  lostShare: '流失比例',
  wordOfMouth: '口碑传播',
  told: '转告人数',
  failureCost: '单次失败处理成本',
  horizonYears: '评估年限',
  spendPerVisit: '每次消费',
  visitsPerYear: '每年光顾次数',
  years: '年数',
  costOnce: '一次性成本',
  costPerYear: '每年成本',
  currency: '货币',
  sigma: '参数 σ',
  source: '起点',
  successes: '成功次数',
  target: '终点',
  title: '标题',
  trials: '试验次数',
  type: '类型',
  value: '值',
  version: '版本',
  x: '横坐标',
  y: '纵坐标',
};

const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  number: '数字',
  text: '文本',
  expression: '写成文本的表达式',
  observed: '观测数据 { "successes", "trials" }',
  distribution: '分布对象',
  object: '对象',
  record: '对象',
  list: '列表',
  array: '列表',
  boolean: 'true 或 false',
  null: 'null',
  int: '整数',
};

const NOT_FINITE: Readonly<Record<string, string>> = {
  infinity: '无穷大',
  'minus infinity': '负无穷大',
};

/** A name from the file in quotes, shortened when long. */
function quote(text: string): string {
  return `“${shortened(text)}”`;
}

/** `步骤“客户填写运单”（s3）`, or `步骤“s3”` without a label. */
function typed(node: NodeRef): string {
  const type = node.type === undefined ? '节点' : NODE_TYPES[node.type];
  return node.label === undefined
    ? `${type}${quote(node.id)}`
    : `${type}${quote(node.label)}（${shortened(node.id)}）`;
}

function fieldName(field: string): string {
  return FIELD_NAMES[field] ?? `字段${quote(field)}`;
}

function subject(place: Subject): string {
  switch (place.kind) {
    case 'blueprint':
      return '蓝图';
    case 'node':
      return typed(place.node);
    case 'node-number':
      return `第 ${place.number} 个节点`;
    case 'edge':
      return `连线${quote(place.id)}`;
    case 'edge-number':
      return `第 ${place.number} 条连线`;
    case 'parameter':
      return `参数${quote(place.name)}`;
    case 'scenario':
      return `方案${quote(place.id)}`;
    case 'scenario-number':
      return `第 ${place.number} 个方案`;
    case 'economics':
      return '经济参数';
    case 'option':
      return `改进选项${quote(place.id)}`;
    case 'option-number':
      return `第 ${place.number} 个改进选项`;
    case 'change':
      return `${subject(place.of)}的第 ${place.number} 项变更`;
    case 'field':
      return `${subject(place.of)}的${fieldName(place.field)}`;
    case 'observed':
      return `${subject(place.of)}的观测数据`;
    case 'item':
      return `${subject(place.of)}的第 ${place.number} 项`;
    case 'recovery':
      return `${typed(place.node)}的补救措施的${fieldName(place.field)}`;
  }
}

function value(found: FoundValue): string {
  switch (found.kind) {
    case 'missing':
      return '缺失';
    case 'null':
      return '空值 null';
    case 'list':
      return '一个列表';
    case 'object':
      return '一个对象';
    case 'literal':
      // A space sets a number or true/false apart from the Chinese before it.
      return ` ${found.text}`;
    case 'text':
      return `文本${quote(found.text)}`;
    case 'quoted':
      return quote(found.text);
  }
}

function list(words: readonly string[], last: string): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join('、')}${last}${words[words.length - 1]}`;
}

function expected(kinds: readonly Expected[]): string {
  return list(
    kinds.map((kind) => EXPECTED_WORDS[kind] ?? `${quote(kind)}类型的值`),
    '或',
  );
}

/** `“a”、“b”和“c”`, or `“a”、“b”……等 2998 个` for a long list. */
function quoteList(names: readonly string[], more = 0): string {
  const { shown, more: cut } = listed(names);
  const left = more + cut;
  if (left === 0) return list(shown.map(quote), '和');
  return `${shown.map(quote).join('、')}，以及另外 ${left} 个`;
}

/** Nodes by name; a long list ends with how many more there are. */
function typedList(nodes: readonly NodeRef[]): string {
  const { shown, more } = listed(nodes);
  return shown.map(typed).join('、') + (more > 0 ? `，以及另外 ${more} 个` : '');
}

function countRule(min: number, max: number | null): string {
  if (min === max) return `恰好 ${min} 条`;
  if (max === null) return `至少 ${min} 条`;
  return `${min} 到 ${max} 条`;
}

/** Where a parser's message such as `Unexpected end of expression (char 5)` puts the error. */
function charPosition(detail: string): string {
  const match = /\(char (\d+)\)/.exec(detail);
  return match ? `第 ${match[1]} 个字符处有语法错误` : '语法错误';
}

const catalogue: Catalogue = {
  construct(construct) {
    switch (construct.kind) {
      case 'text-string':
        return '文本字符串';
      case 'constant':
        return `常量 ${construct.value}`;
      case 'operator':
        return `运算符${quote(construct.operator)}`;
      case 'comparison':
        return '比较';
      case 'unnamed-call':
        return '对非命名函数的调用';
      case 'function':
        return `函数 ${shortened(construct.name)}()`;
      case 'bare-name':
        return `单独出现的名称${quote(construct.name)}`;
      case 'assignment':
        return '赋值';
      case 'function-definition':
        return '函数定义';
      case 'access':
        return '属性或下标访问';
      case 'list':
        return '列表或矩阵';
      case 'object':
        return '对象';
      case 'range':
        return '范围';
      case 'conditional':
        return '条件表达式（? :）';
      case 'statements':
        return '多条语句';
      case 'other':
        return `不支持的结构（${construct.type}）`;
    }
  },

  expressionProblem(problem) {
    switch (problem.kind) {
      case 'too-long':
        return `是一个长 ${problem.length} 个字符的表达式；表达式最多 ${MAX_EXPRESSION_LENGTH} 个字符。`;
      case 'forbidden':
        return `使用了${listed(problem.found)
          .shown.map((c) => catalogue.construct(c))
          .join(
            '、',
          )}，表达式中不能包含这些内容；表达式只能使用数字、+ - * / ^、括号、函数 ${EXPRESSION_FUNCTIONS.join('、')} 和参数名。`;
      case 'syntax':
        return problem.empty
          ? '是空的，不是有效的表达式。'
          : `不是有效的表达式（${catalogue.expressionDetail(problem)}）。`;
      case 'unknown-parameter':
        return `使用了参数 ${quoteList(problem.names)}，但蓝图中没有定义。`;
      case 'evaluation':
        return problem.pending
          ? '尚未检查：表达式解析器仍在加载，加载完成后会立即检查（如果一直未完成，请重新加载页面）。'
          : `无法计算：${catalogue.expressionDetail(problem)}。`;
      case 'not-finite':
        return `的计算结果为${NOT_FINITE[problem.value] ?? '未定义的值'}，不是有限的数。`;
      case 'cycle':
        return `通过参数 ${quoteList(problem.names, problem.more)} 依赖于自身；参数之间不能循环引用。`;
    }
  },

  expressionDetail(problem) {
    if (problem.kind === 'evaluation') {
      return problem.pending ? '表达式解析器仍在加载' : '请检查函数的参数个数和取值';
    }
    if (problem.empty) return '表达式是空的';
    return charPosition(problem.detail);
  },

  sentence: (detail) => sentence(detail),
};

const sentences: Sentences = {
  'check-failed': () => '无法检查这份蓝图，因此没有打开它。',
  'not-json': ({ at, empty }) => {
    if (empty) return '文件是空的，不是有效的 JSON。蓝图文件必须是一个 JSON 对象。';
    const where = at ? `（第 ${at.line} 行第 ${at.column} 列有语法错误）` : '';
    return `文件不是有效的 JSON${where}。蓝图文件必须是一个 JSON 对象。`;
  },
  'not-text': ({ encoding, offset }) =>
    encoding === 'utf-8'
      ? `文件不是有效的 UTF-8 文本：偏移 ${offset} 处的字节不构成任何字符。请将它另存为 UTF-8（或带字节顺序标记的 UTF-16）后再打开。`
      : `文件以 UTF-16 字节顺序标记开头，但不是有效的 UTF-16 文本：偏移 ${offset} 处的字节不构成任何字符。请重新另存为 UTF-8 或 UTF-16。`,
  'not-an-object': ({ found, format }) => {
    const kind = found === 'list' ? '一个列表' : found === 'null' ? 'null' : '单个值';
    return `这不是 Failpoint 蓝图：文件内容是${kind}，而蓝图是一个带有 "format": "${format}" 的 JSON 对象。`;
  },
  'no-format': ({ format }) =>
    `这不是 Failpoint 蓝图：文件中没有 "format" 键；蓝图应以 "format": "${format}" 开头。`,
  'wrong-format': ({ found, format }) =>
    `这不是 Failpoint 蓝图：它的格式是${value(found)}，而不是 "${format}"。`,
  'no-version': ({ current }) => `蓝图缺少 "version"；请加上 "version": ${current}。`,
  'bad-version': ({ found, current }) =>
    `蓝图的版本是${value(found)}；版本必须是从 1 起的整数（此版 Failpoint 可读取版本 1 到 ${current}）。`,
  'too-new': ({ version, current }) =>
    `这份蓝图由更新版本的 Failpoint 创建（文件版本 ${version}；此版 Failpoint 最高可读取版本 ${current}）。请更新 Failpoint 后再打开。`,

  'unknown-key': (p) =>
    `${subject(p.subject)}含有未知字段${quote(p.key)}${p.suggestion === null ? '' : `（是否应为${quote(p.suggestion)}？）`}。请删除或更正它。`,
  'field-for-other-types': (p) =>
    `${subject(p.subject)}含有${quote(p.key)}，但只有${list(
      p.types.map((type) => NODE_TYPES[type]),
      '和',
    )}才能有这个字段。`,
  'missing-discriminator': (p) =>
    `${subject(p.subject)}缺少${quote(p.key)}；它必须是${list(p.options.map(quote), '或')}之一。`,
  'bad-discriminator': (p) =>
    `${subject(p.subject)}的${fieldName(p.key)}是${value(p.found)}；它必须是${list(p.options.map(quote), '或')}之一。`,
  'document-type': (p) => `蓝图必须是${expected(p.expected)}。`,
  'missing-key': (p) =>
    `${subject(p.subject)}缺少${quote(p.key)}，它必须是${expected(p.expected)}。`,
  'wrong-type': (p) =>
    `${subject(p.subject)}是${value(p.found)}；它必须是${expected(p.expected)}。`,
  'invalid-option': (p) => {
    const options = p.options.map((option) =>
      typeof option === 'string' ? quote(option) : ` ${JSON.stringify(option)} `,
    );
    const allowed = options.length === 1 ? options[0] : `${list(options, '或')}之一`;
    return `${subject(p.subject)}的${fieldName(p.key)}是${value(p.found)}；它必须是${allowed}。`;
  },
  invalid: (p) => `${subject(p.subject)}的取值无效。`,
  'parameter-name': ({ name }) =>
    `${quote(name)}不能用作参数名：参数名是一个由字母、数字和 _ 组成的词，以字母或 _ 开头，最多 64 个字符，并且不能是 "mod"、"min" 这类运算符或函数名。`,
  'duplicate-id': ({ id, first, second }) =>
    `编号${quote(id)}被使用了两次：第 ${first.number} ${first.kind === 'node' ? '个节点' : '条连线'}和第 ${second.number} ${second.kind === 'node' ? '个节点' : '条连线'}；每个节点和连线都需要自己的编号。`,
  'duplicate-key': (p) =>
    `${subject(p.subject)}两次使用了字段${quote(p.key)}（第 ${p.first.line} 行第 ${p.first.column} 列和第 ${p.at.line} 行第 ${p.at.column} 列）；JSON 读取时只保留最后一个，请删除不需要的那个。`,

  expression: (p) => `${subject(p.subject)}${catalogue.expressionProblem(p.problem)}`,
  'probability-range': (p) =>
    `${subject(p.subject)}是 ${p.value}${p.expression === null ? '' : `（由 "${p.expression}" 算得）`}；它必须是 0 到 1 之间的概率。`,
  'negative-amount': (p) => `${subject(p.subject)}是 ${p.value}；时长或成本不能为负数。`,
  'negative-fixed': (p) => `${subject(p.subject)}的固定值是 ${p.value}；它不能为负数。`,
  'uniform-negative': (p) =>
    `${subject(p.subject)}是从 ${p.min} 开始的均匀分布；最小值不能为负数。`,
  'uniform-order': (p) =>
    `${subject(p.subject)}是均匀分布，但最小值 ${p.min} 大于最大值 ${p.max}。`,
  'triangular-negative': (p) =>
    `${subject(p.subject)}是从 ${p.min} 开始的三角分布；最小值不能为负数。`,
  'triangular-empty': (p) =>
    `${subject(p.subject)}是三角分布，但最小值 ${p.min} 不小于最大值 ${p.max}；如果它从不变化，请使用固定值。`,
  'triangular-mode': (p) =>
    `${subject(p.subject)}是三角分布，但最可能值 ${p.mode} 不在其范围 ${p.min} 到 ${p.max} 之内。`,
  'normal-sd': (p) => `${subject(p.subject)}是正态分布，标准差为 ${p.sd}；标准差不能为负数。`,
  'lognormal-sigma': (p) => `${subject(p.subject)}是对数正态分布，σ 为 ${p.sigma}；σ 不能为负数。`,
  'exponential-mean': (p) => `${subject(p.subject)}是指数分布，均值为 ${p.mean}；均值必须大于 0。`,
  'observed-not-whole': (p) =>
    `${subject(p.subject)}记录了 ${p.trials} 次试验中成功 ${p.successes} 次；两者都必须是整数。`,
  'observed-negative': (p) =>
    `${subject(p.subject)}记录了 ${p.trials} 次试验中成功 ${p.successes} 次；次数不能为负数。`,
  'observed-no-trials': (p) => `${subject(p.subject)}没有任何试验；观测数据至少需要一次试验。`,
  'observed-too-many': (p) =>
    `${subject(p.subject)}记录了仅 ${p.trials} 次试验中成功 ${p.successes} 次；成功次数不能多于试验次数。`,

  'duplicate-node-id': ({ id }) =>
    `有两个节点使用同一个编号${quote(id)}；每个节点都需要自己的编号。`,
  'duplicate-edge-id': ({ id }) => `编号${quote(id)}被使用了不止一次；连线的编号必须唯一。`,
  'edge-missing-node': ({ edge, end, node }) =>
    `连线${quote(edge)}${end === 'source' ? '的起点' : '指向的'}节点${quote(node)}不存在。`,
  'second-failure-edge': ({ node }) => `${typed(node)}有不止一条失败连线；步骤失败后只能走一条路。`,
  'no-start': () => '蓝图没有开始节点；请在顾客进入的地方添加且仅添加一个开始节点。',
  'several-starts': ({ count, ids }) =>
    `蓝图有 ${count} 个开始节点（${quoteList(ids)}）；只能有一个。`,
  'no-success-end': () => '蓝图没有成功结束节点；请在顾客得到服务的地方添加一个结束节点。',
  'reliability-range': ({ node, value: reliability }) =>
    `${typed(node)}的可靠度是 ${reliability}；它必须是 0 到 1 之间的概率。`,
  'catch-range': ({ node, value: rate }) =>
    `${typed(node)}的补救措施的捕获率是 ${rate}；它必须在 0 到 1 之间。`,
  'failure-edge-not-step': ({ edge, from }) =>
    `连线${quote(edge)}是失败连线，但它从${typed(from)}出发；只有步骤会失败。`,
  'decision-edge-no-probability': ({ edge, from }) =>
    `连线${quote(edge)}从${typed(from)}出发，但没有概率。`,
  'edge-probability-range': ({ edge, value: probability }) =>
    `连线${quote(edge)}的概率是 ${probability}；它必须在 0 到 1 之间。`,
  'probability-not-allowed': ({ edge }) =>
    `连线${quote(edge)}有概率，但只有从判断节点出发的连线才能有概率。`,
  'incoming-count': ({ node, count, rule }) =>
    `${typed(node)}有 ${count} 条进入的连线；${node.type === undefined ? '节点' : NODE_TYPES[node.type]}需要${countRule(rule.min, rule.max)}进入的连线。`,
  'outgoing-count': ({ node, count, rule }) =>
    `${typed(node)}有 ${count} 条离开的连线；${node.type === undefined ? '节点' : NODE_TYPES[node.type]}需要${countRule(rule.min, rule.max)}离开的连线${node.type === 'step' ? '（另外最多一条失败连线）' : ''}。`,
  'decision-sum': ({ node, sum }) =>
    `从${typed(node)}出发的各连线概率之和是 ${sum}；它们的和必须是 1。`,
  unreachable: ({ node }) => `顾客永远无法到达${typed(node)}：从开始节点没有通往它的路径。`,
  'loop-never-left': ({ node }) =>
    `到达${typed(node)}的顾客会陷入一个永远无法离开的循环：每条出路的概率都是 0。`,
  'loop-without-end': ({ node }) => `${typed(node)}处在一个没有通往结束节点出路的循环中。`,
  'no-end-reachable': ({ node }) => `从${typed(node)}无法到达任何结束节点。`,
  'loop-through-block': ({ node }) =>
    `到达${typed(node)}的顾客会陷入一个永远无法离开的循环：唯一的出路要经过一个永远不能通过或永远不会失败的并行块。`,
  'loop-too-interlinked': ({ node, states }) =>
    `经过${typed(node)}的循环中 ${states} 个节点之间的连接方式过多，精确分析无法在合理的时间和内存内求解；请把它拆成较小的循环，或改用模拟。`,
  'parallel-reentered': ({ parallel }) =>
    `从${typed(parallel)}自己的并行块内部可以再次到达它；循环不能从侧面离开并行块。`,
  'branch-returns': ({ parallel }) =>
    `${typed(parallel)}的一个分支在到达汇合节点之前又回到了这个并行分支节点本身。`,
  'branch-escapes': ({ parallel, node }) =>
    `${typed(parallel)}的一个分支没有经过汇合节点就到达了${typed(node)}；每个分支都必须在汇合节点结束。`,
  'no-join': ({ parallel }) =>
    `${typed(parallel)}没有汇合节点：它的各分支必须在一个汇合节点重新会合。`,
  'several-joins': ({ parallel, joins }) =>
    `${typed(parallel)}的各分支结束于不同的汇合节点（${typedList(joins)}）；它们必须会合于同一个汇合节点。`,
  'join-shared': ({ first, second, join }) =>
    `${typed(first)}和${typed(second)}都在${typed(join)}闭合；每个并行分支节点都需要自己的汇合节点。`,
  'join-without-parallel': ({ join }) =>
    `${typed(join)}没有闭合任何并行分支：它的所有进入连线都必须来自同一个并行分支节点的各分支。`,
  'branches-merge': ({ parallel, node }) =>
    `${typed(parallel)}的两个分支在汇合节点之前就在${typed(node)}会合了；各分支在汇合节点之前必须保持分开。`,
  'block-entered': ({ edge, parallel }) =>
    `连线${quote(edge)}从外部进入了${typed(parallel)}的并行块；并行块只能经由其并行分支节点进入。`,
  'join-threshold': ({ join, k, branches }) =>
    `${typed(join)}要求 ${k} 个分支成功，但它的并行分支节点只有 ${branches} 个分支；k 必须是 1 到 ${branches} 之间的整数。`,

  'baseline-scenario-id': ({ id }) =>
    `有一个方案的编号是${quote(id)}，这个编号代表未作改动的蓝图；请换一个编号。`,
  'duplicate-scenario-id': ({ id, first, second }) =>
    `第 ${first} 个和第 ${second} 个方案使用了同一个编号${quote(id)}；每个方案都需要自己的编号。`,
  'missing-change-target': ({ scenario, change, missing }) =>
    `在方案${quote(scenario)}中：第 ${change} 项变更引用了${missing.kind === 'node' ? '节点' : missing.kind === 'edge' ? '连线' : '参数'}${quote(missing.id)}，但蓝图中没有它。`,
  'in-scenario': ({ scenario, inner }) => `在方案${quote(scenario)}中：${sentence(inner)}`,
  'missing-option-target': ({ option, change, missing }) =>
    `在改进选项${quote(option)}中：第 ${change} 项变更引用了${missing.kind === 'node' ? '节点' : missing.kind === 'edge' ? '连线' : '参数'}${quote(missing.id)}，但蓝图中没有它。`,
  'in-option': ({ option, inner }) => `在改进选项${quote(option)}中：${sentence(inner)}`,
  'duplicate-option-id': ({ id, first, second }) =>
    `第 ${first} 个和第 ${second} 个改进选项的编号都是${quote(id)}；每个选项需要自己的编号。`,
  'economics-negative': ({ subject: place, value: amount }) =>
    `${subject(place)}是 ${amount}；它不能为负数。`,
  'economics-share': ({ subject: place, value: share }) =>
    `${subject(place)}是 ${share}；比例必须在 0 到 1 之间。`,
  'missing-option': ({ scenario, option }) =>
    `方案${quote(scenario)}列出了改进选项${quote(option)}，但蓝图中没有它。`,
  'conflicting-options': ({ scenario, first, second, target, field }) =>
    `方案${quote(scenario)}列出的改进选项${quote(first)}和${quote(second)}都修改了${field === null ? `参数${quote(target.id)}` : `${target.kind === 'node' ? '节点' : '连线'}${quote(target.id)}的${fieldName(field)}`}；请只保留其中一个。`,
  'more-problems': ({ code, count }) =>
    `另有 ${count} 个同类问题（${code}）未逐一列出；请先更正上面列出的问题，再重新检查。`,
};

function sentence(detail: DiagnosticDetail): string {
  return (sentences[detail.key] as (params: typeof detail.params) => string)(detail.params);
}

/** The Simplified Chinese catalogue. */
export const zh = catalogue;
