/**
 * Strongly connected components of a directed graph, shared by validation and the exact
 * analysis.
 */

/**
 * Tarjan's algorithm, iterative so that long chains cannot overflow the call stack.
 * Components come out in reverse topological order (sinks first).
 */
export function stronglyConnectedComponents(
  count: number,
  successors: (v: number) => readonly number[],
): number[][] {
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack = new Int32Array(count);
  let stackSize = 0;
  const components: number[][] = [];
  let counter = 0;
  // The depth-first path as parallel arrays (node, its successors, the next one to try), so a
  // 100,000-node chain allocates no frame objects.
  const pathNode = new Int32Array(count);
  const pathNext = new Int32Array(count);
  const pathSuccessors: (readonly number[])[] = new Array<readonly number[]>(count);
  let depth = 0;
  const enter = (v: number) => {
    index[v] = low[v] = counter++;
    stack[stackSize++] = v;
    onStack[v] = 1;
    pathNode[depth] = v;
    pathNext[depth] = 0;
    pathSuccessors[depth] = successors(v);
    depth++;
  };

  for (let root = 0; root < count; root++) {
    if (index[root] >= 0) continue;
    enter(root);
    while (depth > 0) {
      const top = depth - 1;
      const v = pathNode[top];
      const next = pathSuccessors[top];
      if (pathNext[top] < next.length) {
        const w = next[pathNext[top]++];
        if (index[w] < 0) enter(w);
        else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = pathNode[depth - 1];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack[--stackSize];
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}

/** Strongly connected components as flat lists (see {@link componentsOfGraph}). */
export interface FlatComponents {
  /** Number of components. */
  count: number;
  /** Nodes of component c are `nodes[start[c] … start[c + 1] − 1]`; sinks first. */
  start: Int32Array;
  nodes: Int32Array;
}

/**
 * Tarjan's algorithm on a graph given as flat adjacency (the successors of v are
 * `targets[first[v] … first[v + 1] − 1]`), with components returned as two flat lists instead
 * of one array each: a million-node blueprint then costs a handful of typed arrays, not a
 * million small objects for the garbage collector. Same order as
 * {@link stronglyConnectedComponents}: reverse topological, members in the order they leave
 * the stack.
 */
export function componentsOfGraph(
  count: number,
  first: Int32Array,
  targets: Int32Array,
): FlatComponents {
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack = new Int32Array(count);
  let stackSize = 0;
  const start = new Int32Array(count + 1);
  const nodes = new Int32Array(count);
  let components = 0;
  let filled = 0;
  let counter = 0;
  const pathNode = new Int32Array(count);
  const pathNext = new Int32Array(count);

  for (let root = 0; root < count; root++) {
    if (index[root] >= 0) continue;
    index[root] = low[root] = counter++;
    stack[stackSize++] = root;
    onStack[root] = 1;
    pathNode[0] = root;
    pathNext[0] = first[root];
    let depth = 1;
    while (depth > 0) {
      const top = depth - 1;
      const v = pathNode[top];
      if (pathNext[top] < first[v + 1]) {
        const w = targets[pathNext[top]++];
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack[stackSize++] = w;
          onStack[w] = 1;
          pathNode[depth] = w;
          pathNext[depth] = first[w];
          depth++;
        } else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = pathNode[depth - 1];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
      if (low[v] === index[v]) {
        start[components++] = filled;
        let w: number;
        do {
          w = stack[--stackSize];
          onStack[w] = 0;
          nodes[filled++] = w;
        } while (w !== v);
      }
    }
  }
  start[components] = filled;
  return { count: components, start: start.subarray(0, components + 1), nodes };
}
