import { describe, expect, it } from 'vitest';
import type { EdgeInput, ModelInput, NodeInput } from '../src/sim/model';
import { buildModel } from '../src/sim/structure';

/** `a>b` is an edge from a to b; `a>b@0.3` a decision edge; `a!>b` a failure edge. */
function blueprint(nodes: NodeInput[], edgeList: string): ModelInput {
  const edges: EdgeInput[] = edgeList.split(/\s+/).map((text, i) => {
    const [, source, failure, target, probability] = /^(\w+)(!?)>(\w+)(?:@([\d.]+))?$/.exec(text)!;
    return {
      id: `e${i + 1}`,
      source,
      target,
      ...(failure ? { kind: 'failure' as const } : {}),
      ...(probability ? { probability: Number(probability) } : {}),
    };
  });
  return { nodes, edges };
}

const start: NodeInput = { id: 'start', type: 'start' };
const end: NodeInput = { id: 'end', type: 'end' };
const step = (id: string, reliability = 0.9): NodeInput => ({ id, type: 'step', reliability });

function codes(input: ModelInput): string[] {
  const result = buildModel(input);
  return result.ok ? [] : result.diagnostics.map((d) => d.code);
}

describe('buildModel: parallel blocks', () => {
  const block = (k: number) =>
    blueprint(
      [
        start,
        step('x', 1),
        { id: 'p', type: 'parallel' },
        step('a'),
        step('b', 1),
        { id: 'j', type: 'join', k },
        { id: 'd', type: 'decision' },
        end,
      ],
      'start>x x>p p>a p>b a>j b>j j>d d>x@1 d>end@0',
    );

  it('refuses a loop whose only way out is a block that can never fail', () => {
    // With k = 1 the block passes whenever b does, and b never fails: nobody leaves the loop.
    const result = buildModel(block(1));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => d.code)).toContain('BP018');
    expect(result.diagnostics.some((d) => d.message.includes('"x"'))).toBe(true);
  });

  it('accepts the same loop when the block can fail and so end the trial', () => {
    // With k = 2 a failure of a fails the block, which ends the trial at the join.
    expect(codes(block(2))).toEqual([]);
  });

  it('nests blocks, innermost first, and records each node’s block and branch', () => {
    const input = blueprint(
      [
        start,
        { id: 'p1', type: 'parallel' },
        step('a'),
        { id: 'p2', type: 'parallel' },
        step('b1'),
        step('b2'),
        { id: 'j2', type: 'join', k: 1 },
        { id: 'j1', type: 'join' },
        end,
      ],
      'start>p1 p1>a p1>p2 p2>b1 p2>b2 b1>j2 b2>j2 j2>j1 a>j1 j1>end',
    );
    const result = buildModel(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { model } = result;
    const node = (id: string) => model.nodes[model.indexOf.get(id)!];
    expect(model.blocks.map((b) => model.nodes[b.parallel].id)).toEqual(['p2', 'p1']);
    expect(model.blocks[0].parent).toBe(1);
    expect(model.blocks[0].depth).toBe(1);
    expect(model.blocks[0].k).toBe(1);
    expect(model.blocks[1].k).toBe(2); // default: all branches
    expect(node('b1').block).toBe(0);
    expect(node('p2').block).toBe(1);
    expect(node('j2').block).toBe(1);
    expect(node('a').block).toBe(1);
    expect(node('p1').block).toBe(-1);
    expect(node('b2').branch).not.toBe(node('b1').branch);
  });

  it('refuses an edge that enters a block from the side', () => {
    const input = blueprint(
      [
        start,
        { id: 'p', type: 'parallel' },
        step('a'),
        step('b'),
        { id: 'j', type: 'join' },
        step('c'),
        end,
      ],
      'start>c c>p p>a p>b a>j b>j j>end c!>b',
    );
    expect(codes(input)).toContain('BP020');
  });

  it('refuses branches that merge before the join', () => {
    const input = blueprint(
      [
        start,
        { id: 'p', type: 'parallel' },
        step('a'),
        step('b'),
        step('m'),
        { id: 'j', type: 'join' },
        end,
      ],
      'start>p p>a p>b a>m b>m m>j a!>j j>end',
    );
    expect(codes(input)).toEqual(expect.arrayContaining(['BP022']));
  });
});

describe('buildModel: loops', () => {
  it('accepts a rework loop that can be left', () => {
    const input = blueprint(
      [start, step('s'), { id: 'd', type: 'decision' }, end],
      'start>s s>d d>s@0.2 d>end@0.8',
    );
    expect(codes(input)).toEqual([]);
  });

  it('refuses a loop whose way out has probability 0', () => {
    const input = blueprint(
      [start, step('s', 1), { id: 'd', type: 'decision' }, end],
      'start>s s>d d>s@1 d>end@0',
    );
    expect(codes(input)).toContain('BP018');
  });
});
