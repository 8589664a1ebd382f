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
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  const work: { v: number; succ: readonly number[]; i: number }[] = [];

  for (let root = 0; root < count; root++) {
    if (index[root] >= 0) continue;
    work.push({ v: root, succ: successors(root), i: 0 });
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.succ.length) {
        const w = frame.succ[frame.i++];
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push({ v: w, succ: successors(w), i: 0 });
        } else if (onStack[w]) {
          low[frame.v] = Math.min(low[frame.v], index[w]);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].v;
        low[parent] = Math.min(low[parent], low[frame.v]);
      }
      if (low[frame.v] === index[frame.v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== frame.v);
        components.push(component);
      }
    }
  }
  return components;
}
