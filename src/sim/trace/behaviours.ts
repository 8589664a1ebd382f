/**
 * What happens to a token at each type of node: one behaviour per node type, registered in
 * {@link BEHAVIOURS}. The walker (`trace.ts`) moves a token from node to node, announces each
 * arrival, and hands the token to the behaviour of the node's type, which yields what happens
 * there and says where the token goes next.
 *
 * This is the reference meaning of a trial (SPEC §2 "What a trial means"), written for reading:
 * the Monte Carlo kernel compiles the same meaning into thresholds and is tested against it.
 */
import type { Model, ModelNode, NodeType } from '../model';
import type {
  DoneEvent,
  FailedEvent,
  JoinedEvent,
  LeavingEvent,
  RecoveredEvent,
  RoutedEvent,
  TraceEvent,
} from './events';
import { CLOCK, combineBranches, type QuantityAmounts } from './quantities';

/**
 * A token: the customer (id 0) or one branch of a parallel block. `totals` holds what it has
 * spent so far, indexed like `QUANTITIES` (a branch starts from its block's totals).
 */
export interface Token {
  id: number;
  totals: number[];
  /** The join that ends this token's branch, or -1 for the customer. */
  closing: number;
}

/** Where a token goes after a node. */
export type Move =
  /** Along this edge (index in `model.edges`). */
  | { kind: 'go'; edge: number }
  /** Its branch reached the join that closes it. */
  | { kind: 'reached-join' }
  /** The trial reached a success end (`node`). */
  | { kind: 'success'; node: number }
  /** The token failed at `node`: the trial fails there, or inside a block its branch fails. */
  | { kind: 'failure'; node: number }
  /** The loop guard stopped the trial before it visited `node`. */
  | { kind: 'stopped'; node: number };

/** What a behaviour may use from the walker. */
export interface TraceContext {
  readonly model: Model;
  /** A uniform fraction strictly between 0 and 1 from the customer's random stream. */
  uniform(): number;
  /**
   * Samples what `node` spends (`step`: each time it is done; `recovery`: when its recovery
   * catches a failure), adds it to the token's totals and returns it by quantity, or undefined
   * when the node spends nothing there.
   */
  spend(token: Token, node: ModelNode, what: 'step' | 'recovery'): QuantityAmounts | undefined;
  /** A new token for a branch that ends at `join`, starting from `parent`'s totals. */
  branchToken(parent: Token, join: number): Token;
  /** Walks `token` from node `entry` until its branch reaches its join or the trial ends. */
  walk(token: Token, entry: number): Generator<TraceEvent, Move, void>;
}

/** The behaviour of one type of node. */
export interface NodeBehaviour {
  /**
   * A token has arrived at `node` (its `arrive` event is out): yields what happens there and
   * returns where the token goes next.
   */
  enter(context: TraceContext, token: Token, node: ModelNode): Generator<TraceEvent, Move, void>;
}

/** One behaviour per node type. */
export type BehaviourTable = Readonly<Record<NodeType, NodeBehaviour>>;

/**
 * An event of kind `kind` at `node` that leaves along `edge` (-1: along none), stamped with the
 * token's clock. Built as one literal (no spreading) because the trace makes one per node visit.
 */
export function leaving<K extends LeavingKind>(
  kind: K,
  model: Model,
  token: Token,
  node: ModelNode,
  edge: number,
): LeavingEvent & { kind: K } {
  return {
    kind,
    token: token.id,
    node: node.index,
    nodeId: node.id,
    at: token.totals[CLOCK],
    edge,
    edgeId: edge >= 0 ? model.edges[edge].id : null,
  };
}

/** The kinds of events that leave a node along an edge. */
export type LeavingKind = 'done' | 'recovered' | 'failed' | 'joined';

// Moves along an edge are shared, one per edge index (they hold nothing else and are never
// changed), so that walking a customer allocates only its events.
const GO_MOVES: Move[] = [];
const go = (edge: number): Move => (GO_MOVES[edge] ??= Object.freeze<Move>({ kind: 'go', edge }));
const REACHED_JOIN: Move = Object.freeze<Move>({ kind: 'reached-join' });

/** The customer enters the service and goes along the start's edge. */
const startBehaviour: NodeBehaviour = {
  *enter(context, token, node) {
    const edge = node.out[0];
    yield leaving('done', context.model, token, node, edge);
    return go(edge);
  },
};

/** A success end serves the customer; a failure end fails them there. */
const endBehaviour: NodeBehaviour = {
  // eslint-disable-next-line require-yield -- an end only returns: the walker writes the `ended` event
  *enter(_context, _token, node) {
    return { kind: node.outcome === 'success' ? 'success' : 'failure', node: node.index };
  },
};

/**
 * A step spends its duration and cost, then one draw decides: done right with probability r;
 * otherwise, with a recovery, the failure is caught with probability c (the customer goes on,
 * and the recovery spends its own duration and cost); a failure not caught follows the failure
 * edge when there is one, and otherwise stops the token here.
 */
const stepBehaviour: NodeBehaviour = {
  *enter(context, token, node) {
    const spent = context.spend(token, node, 'step');
    const u = context.uniform();
    const next = node.out[0];
    if (u < node.reliability) {
      const done: DoneEvent = leaving('done', context.model, token, node, next);
      if (spent) done.spent = spent;
      yield done;
      return go(next);
    }
    // u is uniform on [r, 1) here: below r + (1 − r)·c is a failure caught, with probability c.
    if (node.hasRecovery && u < node.reliability + (1 - node.reliability) * node.catchRate) {
      const recoverySpent = context.spend(token, node, 'recovery');
      const recovered: RecoveredEvent = leaving('recovered', context.model, token, node, next);
      if (spent) recovered.spent = spent;
      if (recoverySpent) recovered.recoverySpent = recoverySpent;
      yield recovered;
      return go(next);
    }
    const alternative = node.failureEdge;
    const failed: FailedEvent = leaving('failed', context.model, token, node, alternative);
    if (spent) failed.spent = spent;
    yield failed;
    return alternative >= 0 ? go(alternative) : { kind: 'failure', node: node.index };
  },
};

/** A decision draws one of its edges by their probabilities. */
const decisionBehaviour: NodeBehaviour = {
  *enter(context, token, node) {
    const edges = context.model.edges;
    let total = 0;
    for (const e of node.out) total += edges[e].probability;
    // Scaled by the total so that probabilities summing to 1 within rounding still cover [0, 1).
    const u = context.uniform() * total;
    let cumulative = 0;
    let chosen = node.out[node.out.length - 1];
    for (const e of node.out) {
      cumulative += edges[e].probability;
      if (u < cumulative) {
        chosen = e;
        break;
      }
    }
    const routed: RoutedEvent = {
      kind: 'routed',
      token: token.id,
      node: node.index,
      nodeId: node.id,
      at: token.totals[CLOCK],
      edge: chosen,
      edgeId: edges[chosen].id,
      probability: edges[chosen].probability,
    };
    yield routed;
    return go(chosen);
  },
};

/**
 * A parallel node runs every branch of its block, each as a token of its own that starts from
 * the block's totals, then judges the block at its join: it passes when at least k branches
 * reached the join without failing. Time across the block is its longest branch, cost the sum
 * (see `QUANTITIES`). A loop-guard stop inside a branch stops the whole trial.
 */
const parallelBehaviour: NodeBehaviour = {
  *enter(context, token, node) {
    const model = context.model;
    const block = model.blocks[node.ownBlock];
    const start = token.totals.slice();
    const tokens = block.branches.map(() => context.branchToken(token, block.join));
    yield {
      kind: 'split',
      token: token.id,
      node: node.index,
      nodeId: node.id,
      at: token.totals[CLOCK],
      branches: block.branches.map((branch, i) => ({
        token: tokens[i].id,
        edge: branch.edge,
        edgeId: model.edges[branch.edge].id,
      })),
    };
    let reached = 0;
    for (let i = 0; i < tokens.length; i++) {
      const move = yield* context.walk(tokens[i], block.branches[i].entry);
      if (move.kind === 'reached-join') reached++;
      else if (move.kind !== 'failure') return move;
    }
    combineBranches(
      token.totals,
      start,
      tokens.map((branch) => branch.totals),
    );
    const join = model.nodes[block.join];
    const passed = reached >= block.k;
    const edge = passed ? join.out[0] : -1;
    const joined: JoinedEvent = {
      ...leaving('joined', model, token, join, edge),
      passed,
      reached,
      needed: block.k,
      branches: tokens.length,
    };
    yield joined;
    return passed ? go(edge) : { kind: 'failure', node: join.index };
  },
};

/**
 * A branch's token that arrives at the join closing its block has finished its branch; the
 * parallel behaviour that opened the block judges it once every branch is done.
 */
const joinBehaviour: NodeBehaviour = {
  // eslint-disable-next-line require-yield -- a branch ends silently: the block's `joined` event tells
  *enter(_context, token, node) {
    if (token.closing !== node.index) {
      throw new Error(
        `The trace reached join "${node.id}" outside the parallel block it closes, which a valid blueprint does not allow.`,
      );
    }
    return REACHED_JOIN;
  },
};

/** The behaviours of the node types: the meaning of a trial. */
export const BEHAVIOURS: BehaviourTable = {
  start: startBehaviour,
  end: endBehaviour,
  step: stepBehaviour,
  decision: decisionBehaviour,
  parallel: parallelBehaviour,
  join: joinBehaviour,
};
