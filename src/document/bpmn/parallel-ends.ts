/**
 * Parallel branches that end at their own end events (see docs/bpmn.md, BPMN043–BPMN045).
 *
 * BPMN lets a branch after a parallel split end at an end event without meeting the other
 * branches again: the process instance completes once every token has reached an end. A
 * blueprint's parallel block must close at its join, so the import gathers such branch ends into
 * a join that needs every branch (k = n): the block succeeds exactly when every branch completes,
 * which is when the BPMN process does. Only success ends are gathered; a failure end inside a
 * branch becomes a step that always fails, so the branch still fails the block (a blueprint
 * branch cannot end the trial by itself). This runs on the blueprint's nodes and edges, once the
 * flow has been read, innermost parallels first.
 */
import type { EdgeSpec, NodeSpec } from '../../sim/document';
import type { BpmnElementRef, NoteKey, NoteParams } from './notes';

/** A node the gathering added, drawn `slot` places right of the node `beside` (and in its lane). */
export interface AddedNode {
  id: string;
  beside: string;
  slot: number;
}

/** What the gathering needs from the import around it. */
export interface GatherContext {
  /** The BPMN element a node of the blueprint came from. */
  refOf: (nodeId: string) => BpmnElementRef;
  /** A node or edge id not used yet, built from `base`. */
  freshId: (base: string) => string;
  /** Left-to-right order of a node as the file draws it (larger is further right). */
  rank: (nodeId: string) => number;
  note: <K extends NoteKey>(key: K, params: NoteParams[K]) => void;
}

/** The outcome: the rewritten graph with the nodes added, or null when the file is refused. */
export type GatherResult = { nodes: NodeSpec[]; edges: EdgeSpec[]; added: AddedNode[] } | null;

interface BranchWalk {
  joins: Set<string>;
  /** The edges of the branch that lead into an end node. */
  ends: EdgeSpec[];
}

/**
 * Gathers the branch ends of every parallel split whose branches end at end events into a join
 * (the file's own merge when the other branches meet at one and that is faithful, else an added
 * join followed by one end). Parallels it cannot read as blocks (branches meeting at several
 * merges, loops back to the split) are left as they are, for the validation to name.
 */
export function gatherParallelEnds(
  nodes: readonly NodeSpec[],
  edges: readonly EdgeSpec[],
  context: GatherContext,
): GatherResult {
  const byId = new Map(nodes.map((n) => [n.id, { ...n }]));
  const working = edges.map((e) => ({ ...e }));
  const outgoing = new Map<string, EdgeSpec[]>();
  const addEdge = (edge: EdgeSpec) => {
    const list = outgoing.get(edge.source) ?? [];
    list.push(edge);
    outgoing.set(edge.source, list);
  };
  for (const edge of working) addEdge(edge);
  const added: AddedNode[] = [];
  const addedIds = new Set<string>();
  /** The file's end events an added end stands for, so that notes name those. */
  const standsFor = new Map<string, BpmnElementRef[]>();
  const touchedEnds = new Set<string>();
  const resolved = new Map<string, string | null>();
  const inProgress = new Set<string>();
  let refused = false;

  /** Where a node is drawn: beside a node of the file, so many places to its right. */
  const anchorOf = (id: string): { id: string; slot: number } => {
    const made = added.find((a) => a.id === id);
    return made ? { id: made.beside, slot: made.slot } : { id, slot: 0 };
  };
  const rankOf = (id: string) => {
    const anchor = anchorOf(id);
    return context.rank(anchor.id) + anchor.slot * 1e-3;
  };
  const endRefs = (id: string): BpmnElementRef[] =>
    standsFor.get(id) ?? (addedIds.has(id) ? [] : [context.refOf(id)]);

  const walkBranch = (split: string, first: EdgeSpec): BranchWalk | null => {
    const joins = new Set<string>();
    const ends: EdgeSpec[] = [];
    const seen = new Set<string>();
    const todo = [first];
    while (todo.length > 0) {
      const edge = todo.pop()!;
      const id = edge.target;
      const node = byId.get(id);
      if (!node) return null;
      if (node.type === 'end') {
        ends.push(edge);
        continue;
      }
      if (node.type === 'join') {
        joins.add(id);
        continue;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      if (id === split || node.type === 'start') return null;
      let from = id;
      if (node.type === 'parallel') {
        // A nested block is passed as a whole: on from its join.
        const join = resolve(id);
        if (join === null) return null;
        if (seen.has(join)) continue;
        seen.add(join);
        from = join;
      }
      todo.push(...(outgoing.get(from) ?? []));
    }
    return { joins, ends };
  };

  const gather = (split: string): string | null => {
    const branches: BranchWalk[] = [];
    for (const first of outgoing.get(split) ?? []) {
      const walk = walkBranch(split, first);
      if (walk === null || refused) return null;
      branches.push(walk);
    }
    const joins = new Set(branches.flatMap((b) => [...b.joins]));
    if (branches.every((b) => b.ends.length === 0)) return joins.size === 1 ? [...joins][0] : null;
    if (joins.size > 1) return null;
    const splitRef = context.refOf(split);
    const existing = joins.size === 1 ? [...joins][0] : null;
    if (existing !== null) {
      // A branch that may reach the merge or end elsewhere leaves the merge waiting in BPMN.
      for (const branch of branches) {
        if (!branch.joins.has(existing)) continue;
        const end = branch.ends.find((e) => !isFailureEnd(byId.get(e.target)!));
        if (end) {
          context.note('parallel-end-and-join', {
            split: splitRef,
            end: endRefs(end.target)[0] ?? context.refOf(end.target),
            join: context.refOf(existing),
          });
          refused = true;
          return null;
        }
      }
    }
    // In the file's order, not the walk's.
    const order = new Map([...byId.keys()].map((id, index) => [id, index]));
    const allEnds = unique(
      branches.flatMap((b) => b.ends.map((e) => byId.get(e.target)!)),
      (n) => n.id,
    ).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    const successEnds = allEnds.filter((n) => !isFailureEnd(n));
    const beside = (successEnds.length > 0 ? successEnds : allEnds).reduce((best, n) =>
      rankOf(n.id) > rankOf(best.id) ? n : best,
    );
    const anchor = anchorOf(beside.id);
    let join = existing;
    if (join === null) {
      join = context.freshId(`${split}_join`);
      const node: NodeSpec = { id: join, type: 'join' };
      if (beside.lane !== undefined) node.lane = beside.lane;
      byId.set(join, node);
      added.push({ id: join, beside: anchor.id, slot: anchor.slot + 1 });
      addedIds.add(join);
    }
    const failureSteps = new Set<string>();
    for (const branch of branches) {
      // One failing step per failure end and branch, so that branches stay apart.
      const stepFor = new Map<string, string>();
      for (const edge of branch.ends) {
        const end = byId.get(edge.target)!;
        touchedEnds.add(end.id);
        if (!isFailureEnd(end)) {
          edge.target = join;
          continue;
        }
        let step = stepFor.get(end.id);
        if (step === undefined) {
          step = context.freshId(`${end.id}_fails`);
          const node: NodeSpec = { id: step, type: 'step', reliability: 0 };
          if (end.label !== undefined) node.label = end.label;
          if (end.lane !== undefined) node.lane = end.lane;
          byId.set(step, node);
          added.push({ id: step, beside: end.id, slot: 0 });
          addedIds.add(step);
          const link: EdgeSpec = {
            id: context.freshId(`${step}-${join}`),
            source: step,
            target: join,
          };
          working.push(link);
          addEdge(link);
          stepFor.set(end.id, step);
          if (!failureSteps.has(end.id)) {
            failureSteps.add(end.id);
            context.note('parallel-failure-end', { split: splitRef, end: context.refOf(end.id) });
          }
        }
        edge.target = step;
      }
    }
    const gathered = unique(
      (successEnds.length > 0 ? successEnds : allEnds).flatMap((n) => endRefs(n.id)),
    );
    context.note('parallel-ends-joined', {
      split: splitRef,
      ends: gathered,
      join: existing === null ? null : context.refOf(existing),
    });
    if (existing === null) {
      const end = context.freshId(`${split}_end`);
      const node: NodeSpec = { id: end, type: 'end' };
      const label = endLabel(successEnds);
      if (label !== undefined) node.label = label;
      if (beside.lane !== undefined) node.lane = beside.lane;
      byId.set(end, node);
      added.push({ id: end, beside: anchor.id, slot: anchor.slot + 2 });
      addedIds.add(end);
      standsFor.set(end, gathered);
      const link: EdgeSpec = { id: context.freshId(`${join}-${end}`), source: join, target: end };
      working.push(link);
      addEdge(link);
    }
    return join;
  };

  function resolve(split: string): string | null {
    if (resolved.has(split)) return resolved.get(split)!;
    if (inProgress.has(split)) return null;
    inProgress.add(split);
    const join = gather(split);
    inProgress.delete(split);
    resolved.set(split, join);
    return join;
  }

  for (const node of nodes) {
    if (node.type === 'parallel') resolve(node.id);
    if (refused) return null;
  }
  if (touchedEnds.size === 0) return { nodes: [...nodes], edges: [...edges], added };

  // Ends every flow into which was gathered are gone; an end also reached from outside stays.
  const reached = new Set(working.map((e) => e.target));
  const kept = [...byId.values()].filter((n) => !(touchedEnds.has(n.id) && !reached.has(n.id)));
  return {
    nodes: kept,
    edges: working,
    added: added.filter((a) => kept.some((n) => n.id === a.id)),
  };
}

function isFailureEnd(node: NodeSpec): boolean {
  return node.type === 'end' && node.outcome === 'failure';
}

/** The label of the one end replacing several: theirs when they agree, else all of them. */
function endLabel(ends: readonly NodeSpec[]): string | undefined {
  const labels = unique(
    ends.map((n) => n.label?.trim() ?? '').filter((label) => label !== ''),
    (label) => label,
  );
  return labels.length === 0 ? undefined : labels.join(' / ');
}

function unique<T>(
  items: readonly T[],
  key: (item: T) => string = (item) => JSON.stringify(item),
): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
