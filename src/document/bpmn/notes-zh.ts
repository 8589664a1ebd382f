/** The import report's sentences in Simplified Chinese. */
import type { BpmnElementRef, NoteSentences, ProbabilitySource } from './notes';

const KINDS: Readonly<Record<string, string>> = {
  task: '任务',
  userTask: '用户任务',
  serviceTask: '服务任务',
  manualTask: '手工任务',
  scriptTask: '脚本任务',
  sendTask: '发送任务',
  receiveTask: '接收任务',
  businessRuleTask: '业务规则任务',
  callActivity: '调用活动',
  subProcess: '子流程',
  transaction: '事务子流程',
  adHocSubProcess: '自由子流程',
  startEvent: '开始事件',
  endEvent: '结束事件',
  boundaryEvent: '边界事件',
  intermediateThrowEvent: '中间抛出事件',
  intermediateCatchEvent: '中间捕获事件',
  exclusiveGateway: '排他网关',
  parallelGateway: '并行网关',
  inclusiveGateway: '包容网关',
  eventBasedGateway: '事件网关',
  complexGateway: '复杂网关',
  sequenceFlow: '顺序流',
  lane: '泳道',
  participant: '池',
  process: '流程',
};

function named(element: BpmnElementRef): string {
  const kind = KINDS[element.kind] ?? element.kind;
  return element.name ? `${kind}“${element.name}”（${element.id}）` : `${kind} ${element.id}`;
}

function list(elements: readonly BpmnElementRef[], count = elements.length): string {
  const shown = elements.map(named).join('、');
  return count > elements.length ? `${shown} 等 ${count} 个` : shown;
}

const SOURCES: Readonly<Record<ProbabilitySource, string>> = {
  failpoint: 'Failpoint 扩展',
  bpsim: 'BPSim 的 ControlParameters/Probability',
  qbp: 'QBP 的 executionProbability',
  camunda: 'Camunda 属性“probability”',
};

const TRIGGERS: Readonly<Record<string, string>> = {
  none: '无触发',
  timer: '定时',
  message: '消息',
  signal: '信号',
  conditional: '条件',
  cancel: '取消',
  error: '错误',
  escalation: '升级',
  compensate: '补偿',
};

const LANES: Readonly<Record<string, string>> = {
  customer: '顾客',
  frontstage: '前台',
  backstage: '后台',
  support: '支持',
};

export const noteSentencesZh: NoteSentences = {
  'not-xml': ({ detail }) => `该文件不是 XML，因此不是 BPMN 文件（${detail}）。`,
  'not-bpmn': ({ detail }) =>
    `该文件是 XML，但不是 BPMN 2.0 模型：其中没有 BPMN 2.0 命名空间的 <definitions>（${detail}）。`,
  'unsupported-encoding': ({ encoding }) =>
    `该文件声明的编码“${encoding}”无法解码；请另存为 UTF-8。`,
  'parser-warning': ({ detail }) => `BPMN 读取器跳过了文件的一部分：${detail}。`,
  'no-process': () => '文件中没有含流程元素的流程，没有可导入的内容。',
  'process-not-found': ({ id, available }) =>
    `文件中没有流程或池“${id}”；文件中有：${available.length === 0 ? '无' : available.map((a) => `“${a}”`).join('、')}。`,
  'pool-chosen': ({ chosen, others, nodes }) =>
    `文件中有 ${others.length + 1} 个池；导入的是流程元素最多（${nodes} 个）的${named(chosen)}。其余的（${list(others)}）未导入；可用 --process 选择其他池。`,
  'several-starts': ({ starts }) =>
    `流程有 ${starts.length} 个开始事件（${list(starts)}）；蓝图只能有一个，因此拒绝导入。请只保留一个开始事件，或在单一开始事件之后用网关分流。`,
  'no-start': ({ scope }) =>
    scope === null
      ? '流程没有开始事件，顾客无从进入。'
      : `${named(scope)}没有开始事件，也没有唯一的第一个元素，无法展开到蓝图中。`,
  'unsupported-gateway': ({ element }) =>
    `${named(element)}在蓝图中没有等价的含义（它会同时走多条分支或等待事件），因此拒绝导入。请改用排他网关或并行网关。`,
  'unsupported-element': ({ element }) => `${named(element)}在蓝图中没有对应的含义，因此拒绝导入。`,
  'boundary-dropped': ({ element, host, trigger }) =>
    `${named(element)}（${named(host)}上的${TRIGGERS[trigger] ?? trigger}事件）已被删除：只有错误和升级边界事件会成为失败连线。`,
  'second-failure-boundary': ({ element, host }) =>
    `${named(element)}是${named(host)}上的第二个错误或升级边界事件；一个步骤最多有一条失败连线，因此拒绝导入。`,
  'multi-instance': ({ element, sequential }) =>
    `${named(element)}以${sequential ? '串行' : '并行'}多实例运行；已作为一个步骤导入，其可靠度涵盖所有实例。`,
  'standard-loop': ({ element }) =>
    `${named(element)}是循环活动；已作为一个步骤导入，其可靠度涵盖所有轮次。`,
  'compensation-dropped': ({ element }) =>
    `${named(element)}属于补偿处理，蓝图不建模补偿；已删除。`,
  'probability-equal-split': ({ gateway, branches }) =>
    `${named(gateway)}没有给出分支概率；其 ${branches} 条分支各取 1/${branches}。`,
  'probability-normalised': ({ gateway, source, sum }) =>
    `${named(gateway)}的分支概率（来自${SOURCES[source]}）之和为 ${sum}，不是 1；已按比例调整为和为 1。`,
  'probability-source': ({ gateway, source, percent }) =>
    `${named(gateway)}的分支概率来自${SOURCES[source]}${percent ? '，按百分数读取' : ''}。`,
  'reliability-default': ({ count, steps }) =>
    `${count} 个步骤没有可靠度，已设为 1（总能做对）：${list(steps, count)}。`,
  'lane-mapped': ({ lane, to, explicit }) =>
    `${named(lane)}成为${LANES[to]}泳道${explicit ? '（按泳道映射）' : '（按名称）'}。`,
  'lane-default': ({ lane }) =>
    `${named(lane)}的名称看不出对应哪条蓝图泳道；其元素已放入后台泳道。可用 --lanes "名称=lane" 指定。`,
  'no-lane': ({ count }) => `${count} 个元素不在任何泳道中；已放入后台泳道。`,
  'lane-map-unused': ({ name }) => `泳道映射中提到“${name}”，但流程中没有这个名称的泳道。`,
  'no-diagram': () => '文件中没有该流程的图形信息（BPMN-DI），已自动布局。',
  'sub-process-flattened': ({ element }) =>
    `${named(element)}已展开：其中的元素直接成为蓝图的一部分。`,
  'event-sub-process-dropped': ({ element }) =>
    `${named(element)}是事件子流程，蓝图不建模事件子流程；已删除。`,
  'implicit-split': ({ element, branches }) =>
    `${named(element)}有 ${branches} 条不经网关的出线；已作为其后的并行分支导入。`,
  'gateway-both': ({ element }) =>
    `${named(element)}既汇合又分支；已拆成一个汇合节点和其后的并行分支。`,
  'unreachable-dropped': ({ count, elements }) =>
    `${count} 个元素从开始已无法到达，已删除：${list(elements, count)}。`,
  'terminate-end': ({ element }) => `${named(element)}是终止结束事件；已作为失败结束导入。`,
  'intermediate-passed': ({ count }) => `${count} 个中间事件已略过（流程直接通过）。`,
  'gateway-cycle': ({ element }) =>
    `${named(element)}位于只由网关和事件构成、没有任何活动的循环上；拒绝导入。`,
  'dangling-flow': ({ flow }) => `${named(flow)}没有连接流程中的两个元素；已删除。`,
  'duration-from-bpsim': ({ element, minutes }) =>
    `${named(element)}的时长（平均 ${minutes} 分钟）取自其 BPSim 处理时间。`,
  'ignored-elements': ({ count, kinds }) =>
    `${count} 个与流程走向无关的元素（${kinds.map((k) => KINDS[k] ?? k).join('、')}）未导入。`,
  'message-flows-ignored': ({ count }) => `池之间的 ${count} 条消息流未导入。`,
  'link-unmatched': ({ element }) =>
    `${named(element)}是链接事件，但没有同名的对应链接；拒绝导入。`,
  'sub-process-outgoing': ({ element, count }) =>
    `${named(element)}有 ${count} 条出线；子流程只有一条出线时才能展开，因此拒绝导入。`,
  'flow-from-end': ({ element }) => `${named(element)}是结束事件却有出线；这些出线已删除。`,
  'implicit-end': ({ element }) =>
    `${named(element)}没有出线，按 BPMN 的规定流程在此结束；已在其后添加一个结束节点。`,
  'start-chosen': ({ chosen, others }) =>
    `按所选，顾客从${named(chosen)}进入；其余开始事件（${list(others)}）未导入。`,
  'parallel-ends-joined': ({ split, ends, join }) =>
    join === null
      ? `${named(split)}的各分支各自到达结束事件（${list(ends)}），没有在汇合处会合；已把它们汇入一个新增的汇合节点（要求所有分支都成功），其后接一个结束节点，因为 BPMN 流程要等每个分支都完成才算完成。`
      : `${named(split)}有一个分支到达自己的结束事件（${list(ends)}），其余分支在${named(join)}会合；该分支也已汇入${named(join)}，它因此要求所有分支都成功，因为 BPMN 流程要等每个分支都完成才算完成（${named(join)}之后的步骤现在可能要等该分支）。`,
  'parallel-failure-end': ({ split, end }) =>
    `${named(end)}使${named(split)}的一个分支以失败结束；蓝图的分支不能自行结束试验，因此它变成一个必定失败的步骤（可靠度 0），之后通向汇合节点，该分支仍使并行失败。`,
  'parallel-end-and-join': ({ split, end, join }) =>
    `${named(split)}的一个分支可能到达${named(join)}，也可能在${named(end)}结束；在那里结束时，汇合处会一直等待它，蓝图无法表达这种情况，因此拒绝导入该文件。请把这条路径引入汇合处，或在汇合之后再结束。`,
};
