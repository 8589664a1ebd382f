/**
 * The teaching session: the trace worker, the player of the blueprint on screen, and what the
 * teaching bar and the counters show (published a few times a second, never every frame).
 */
import { create } from 'zustand';
import { DEFAULT_SEED } from '../../sim/montecarlo';
import { TeachingPlayer, type TeachingSnapshot } from './player';
import type { TraceClient } from './client';

export interface TeachingState {
  /** `loading` while the worker reads the blueprint; `failed` with {@link message}. */
  status: 'loading' | 'ready' | 'failed';
  message: string | null;
  /** The model's node ids, by index, as the counters are. */
  nodeIds: readonly string[];
  edgeIds: readonly string[];
  snapshot: TeachingSnapshot | null;
}

const INITIAL: TeachingState = {
  status: 'loading',
  message: null,
  nodeIds: [],
  edgeIds: [],
  snapshot: null,
};

export const useTeachingStore = create<TeachingState>(() => INITIAL);

let player: TeachingPlayer | null = null;
/** The seed survives a reload of the blueprint and a new session. */
let seed = DEFAULT_SEED;
let target: number | null = null;

/** The player on now, or null while loading. */
export function currentPlayer(): TeachingPlayer | null {
  return player;
}

/** Shows the player's state now. */
export function publish(): void {
  useTeachingStore.setState({ snapshot: player ? player.snapshot() : null });
}

/** Loads `document` into the worker of `client` and starts a fresh player for it. */
export async function loadSession(client: TraceClient, document: unknown, language: 'en' | 'zh') {
  player = null;
  useTeachingStore.setState({ ...INITIAL });
  const loaded = await client.load(document, null, language);
  if (!loaded.ok) {
    useTeachingStore.setState({ status: 'failed', message: loaded.message });
    return;
  }
  const next = new TeachingPlayer(
    (s, first, count) => client.walks(s, first, count),
    loaded.nodeIds.length,
    seed,
  );
  next.setTarget(target);
  player = next;
  useTeachingStore.setState({
    status: 'ready',
    message: null,
    nodeIds: loaded.nodeIds,
    edgeIds: loaded.edgeIds,
  });
  publish();
}

/** Ends the session's player (the mode closed). */
export function endSession(): void {
  player = null;
  useTeachingStore.setState({ ...INITIAL });
}

/** The teaching bar's commands: each acts on the player and shows the result at once. */
export const teachingControls = {
  play(): void {
    player?.play();
    publish();
  },
  pause(): void {
    player?.pause();
    publish();
  },
  one(): void {
    player?.stepOne();
    publish();
  },
  speed(delta: number): void {
    if (player) player.setSpeed(player.speed + delta);
    publish();
  },
  reset(): void {
    player?.reset();
    publish();
  },
  /** A new seed: the customers start again from the first. */
  seed(value: number): void {
    seed = value;
    player?.reset(value);
    publish();
  },
  /** Pause after `value` customers (null: no limit). */
  target(value: number | null): void {
    target = value;
    player?.setTarget(value);
    publish();
  },
};
