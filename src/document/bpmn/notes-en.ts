/** The import report's sentences in English. */
import type { BpmnElementRef, NoteSentences, ProbabilitySource } from './notes';

/** `userTask` → `user task`. */
function kindWords(kind: string): string {
  return kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** `the user task "Check the order" (Task_1)`, or `the user task Task_1` without a name. */
function named(element: BpmnElementRef): string {
  const words = kindWords(element.kind);
  return element.name
    ? `the ${words} "${element.name}" (${element.id})`
    : `the ${words} ${element.id}`;
}

function list(elements: readonly BpmnElementRef[], count = elements.length): string {
  const shown = elements.map(named).join(', ');
  return count > elements.length ? `${shown} and ${count - elements.length} more` : shown;
}

const SOURCES: Readonly<Record<ProbabilitySource, string>> = {
  failpoint: "Failpoint's extension",
  bpsim: 'BPSim ControlParameters/Probability',
  qbp: 'the QBP executionProbability',
  camunda: 'the Camunda property "probability"',
};

function upper(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const noteSentencesEn: NoteSentences = {
  'not-xml': ({ detail }) => `The file is not XML, so it is not a BPMN file (${detail}).`,
  'not-bpmn': ({ detail }) =>
    `The file is XML but not a BPMN 2.0 model: it has no <definitions> in the BPMN 2.0 namespace (${detail}).`,
  'unsupported-encoding': ({ encoding }) =>
    `The file declares the encoding "${encoding}", which Failpoint cannot decode; save it as UTF-8.`,
  'parser-warning': ({ detail }) => `The BPMN reader skipped part of the file: ${detail}.`,
  'no-process': () =>
    'The file holds no process with flow elements, so there is nothing to import.',
  'process-not-found': ({ id, available }) =>
    `There is no process or pool "${id}" in the file; it has ${available.length === 0 ? 'none' : available.map((a) => `"${a}"`).join(', ')}.`,
  'pool-chosen': ({ chosen, others, nodes }) =>
    `The file has ${others.length + 1} pools; ${named(chosen)} was imported, having the most flow elements (${nodes}). The others (${list(others)}) were left out; choose another with --process.`,
  'several-starts': ({ starts }) =>
    `The process has ${starts.length} start events (${list(starts)}); a blueprint has exactly one, so the file is refused. Keep one start event, or join them through a gateway after a single start.`,
  'no-start': ({ scope }) =>
    scope === null
      ? 'The process has no start event, so no customer could enter it.'
      : `${upper(named(scope))} has no start event and no single first element, so it cannot be flattened into the blueprint.`,
  'unsupported-gateway': ({ element }) =>
    `${upper(named(element))} has no faithful meaning in a blueprint (it would take several branches at once or wait for events), so the file is refused. Replace it with an exclusive or a parallel gateway.`,
  'unsupported-element': ({ element }) =>
    `${upper(named(element))} has no meaning in a blueprint, so the file is refused.`,
  'boundary-dropped': ({ element, host, trigger }) =>
    `The ${trigger} boundary event ${element.name ? `"${element.name}" (${element.id})` : element.id} on ${named(host)} was dropped: only error and escalation boundary events become failure edges.`,
  'second-failure-boundary': ({ element, host }) =>
    `${upper(named(element))} is a second error or escalation boundary event on ${named(host)}; a step has at most one failure edge, so the file is refused.`,
  'multi-instance': ({ element, sequential }) =>
    `${upper(named(element))} runs as ${sequential ? 'sequential' : 'parallel'} multiple instances; it was imported as one step whose reliability covers all its instances.`,
  'standard-loop': ({ element }) =>
    `${upper(named(element))} is a looping activity; it was imported as one step whose reliability covers all its rounds.`,
  'compensation-dropped': ({ element }) =>
    `${upper(named(element))} belongs to compensation, which a blueprint does not model; it was dropped.`,
  'probability-equal-split': ({ gateway, branches }) =>
    `${upper(named(gateway))} gives no branch probabilities; each of its ${branches} branches was given 1/${branches}.`,
  'probability-normalised': ({ gateway, source, sum }) =>
    `The branch probabilities of ${named(gateway)} (from ${SOURCES[source]}) add up to ${sum}, not 1; they were scaled to add up to 1.`,
  'probability-source': ({ gateway, source, percent }) =>
    `The branch probabilities of ${named(gateway)} come from ${SOURCES[source]}${percent ? ', read as percentages' : ''}.`,
  'reliability-default': ({ count, steps }) =>
    `${count === 1 ? '1 step has' : `${count} steps have`} no reliability in the file and ${count === 1 ? 'was' : 'were'} given 1 (always done right): ${list(steps, count)}.`,
  'lane-mapped': ({ lane, to, explicit }) =>
    `${upper(named(lane))} became the ${to} lane${explicit ? ' (as the lane map says)' : ' (by its name)'}.`,
  'lane-default': ({ lane }) =>
    `The name of ${named(lane)} does not say which blueprint lane it is; its elements went to the backstage lane. Map it with --lanes "Name=lane".`,
  'no-lane': ({ count }) =>
    `${count} element${count === 1 ? ' is' : 's are'} in no lane; they went to the backstage lane.`,
  'lane-map-unused': ({ name }) =>
    `The lane map names "${name}", but no lane of the process has that name.`,
  'no-diagram': () =>
    'The file has no diagram (BPMN-DI) for the process, so it was laid out automatically.',
  'sub-process-flattened': ({ element }) =>
    `${upper(named(element))} was flattened: its elements are now part of the blueprint in its place.`,
  'event-sub-process-dropped': ({ element }) =>
    `${upper(named(element))} is an event sub-process, which a blueprint does not model; it was dropped.`,
  'implicit-split': ({ element, branches }) =>
    `${upper(named(element))} has ${branches} outgoing flows without a gateway; they were imported as a parallel split after it.`,
  'gateway-both': ({ element }) =>
    `${upper(named(element))} both merges and splits; it became a join followed by a parallel split.`,
  'unreachable-dropped': ({ count, elements }) =>
    `${count} element${count === 1 ? '' : 's'} could no longer be reached from the start and ${count === 1 ? 'was' : 'were'} dropped: ${list(elements, count)}.`,
  'terminate-end': ({ element }) =>
    `${upper(named(element))} is a terminate end event; it became a failure end.`,
  'intermediate-passed': ({ count }) =>
    `${count} intermediate event${count === 1 ? ' was' : 's were'} passed through (the flow goes straight on).`,
  'gateway-cycle': ({ element }) =>
    `${upper(named(element))} lies on a loop made only of gateways and events, with no activity in it; the file is refused.`,
  'dangling-flow': ({ flow }) =>
    `${upper(named(flow))} does not connect two elements of the process; it was dropped.`,
  'duration-from-bpsim': ({ element, minutes }) =>
    `The duration of ${named(element)} (${minutes} minutes on average) comes from its BPSim processing time.`,
  'ignored-elements': ({ count, kinds }) =>
    `${count} element${count === 1 ? '' : 's'} with no part in the flow (${kinds.map(kindWords).join(', ')}) ${count === 1 ? 'was' : 'were'} left out.`,
  'message-flows-ignored': ({ count }) =>
    `${count} message flow${count === 1 ? '' : 's'} between pools ${count === 1 ? 'was' : 'were'} left out.`,
  'link-unmatched': ({ element }) =>
    `${upper(named(element))} is a link event with no matching link of the same name; the file is refused.`,
  'sub-process-outgoing': ({ element, count }) =>
    `${upper(named(element))} has ${count} outgoing flows; a sub-process is flattened only with one, so the file is refused.`,
  'flow-from-end': ({ element }) =>
    `${upper(named(element))} is an end event with outgoing flows; they were dropped.`,
  'implicit-end': ({ element }) =>
    `${upper(named(element))} has no outgoing flow, so the flow ends there as BPMN says; an end was added after it.`,
  'start-chosen': ({ chosen, others }) =>
    `Customers enter at ${named(chosen)}, as chosen; the other start events (${list(others)}) were left out.`,
  'parallel-ends-joined': ({ split, ends, join }) =>
    join === null
      ? `The branches of ${named(split)} end at their own end events (${list(ends)}) instead of meeting at a merge; they were gathered into an added join that needs every branch to succeed, followed by one end, as a BPMN process completes only once every branch has.`
      : `A branch of ${named(split)} ends at its own end event (${list(ends)}) while the others meet at ${named(join)}; that branch was led into ${named(join)} too, which then needs every branch to succeed, as a BPMN process completes only once every branch has (what follows ${named(join)} may now wait for that branch).`,
  'parallel-failure-end': ({ split, end }) =>
    `${upper(named(end))} ends a branch of ${named(split)} in failure; a blueprint branch cannot end the trial itself, so it became a step that always fails (reliability 0) leading to the join, and the branch still fails the parallel.`,
  'parallel-end-and-join': ({ split, end, join }) =>
    `A branch of ${named(split)} may reach ${named(join)} or end at ${named(end)}; when it ends there, the merge waits for it forever, which a blueprint cannot say, so the file is refused. Lead that path into the merge, or end it after the merge.`,
};
