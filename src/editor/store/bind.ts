/**
 * A React hook bound to a zustand store, like zustand's `create`, except that server rendering
 * reads the store's current state rather than its initial one. The app never renders on a
 * server; this lets tests render components to HTML with the state they set up.
 */
import { useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand';

type StateOf<A> = A extends { getState: () => infer T } ? T : never;

export type BoundStore<A extends StoreApi<unknown>> = {
  (): StateOf<A>;
  <U>(selector: (state: StateOf<A>) => U): U;
} & A;

export function bindStore<A extends StoreApi<unknown>>(api: A): BoundStore<A> {
  function useBound<U>(selector?: (state: StateOf<A>) => U): U | StateOf<A> {
    const select = selector ?? ((state: StateOf<A>) => state);
    const snapshot = () => select(api.getState() as StateOf<A>);
    return useSyncExternalStore(api.subscribe, snapshot, snapshot);
  }
  return Object.assign(useBound, api) as BoundStore<A>;
}
