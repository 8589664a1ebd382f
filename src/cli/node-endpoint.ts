/**
 * comlink speaks the web's `postMessage` / `addEventListener('message')`; Node's worker threads
 * speak `postMessage` / `on('message', data)`. This adapts the second to the first.
 */
import type { Endpoint } from 'comlink';
import type { TransferListItem } from 'node:worker_threads';

/** What a Node `Worker` and `parentPort` have in common. */
export interface NodeMessagePort {
  postMessage(message: unknown, transfer?: readonly TransferListItem[]): void;
  on(event: 'message', listener: (data: unknown) => void): unknown;
  off(event: 'message', listener: (data: unknown) => void): unknown;
}

/** comlink's message listener, spelled with Node's `MessageEvent` so no DOM types are needed. */
type Listener = ((event: MessageEvent) => void) | { handleEvent(event: MessageEvent): void };

/** A comlink endpoint over a Node worker or `parentPort`. */
export function nodeEndpoint(port: NodeMessagePort): Endpoint {
  const adapters = new Map<Listener, (data: unknown) => void>();
  return {
    postMessage: (message: unknown, transfer?: TransferListItem[]) =>
      port.postMessage(message, transfer ?? []),
    addEventListener: (_type: string, listener: Listener) => {
      const adapter = (data: unknown) => {
        const event = { data } as MessageEvent;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      adapters.set(listener, adapter);
      port.on('message', adapter);
    },
    removeEventListener: (_type: string, listener: Listener) => {
      const adapter = adapters.get(listener);
      if (!adapter) return;
      port.off('message', adapter);
      adapters.delete(listener);
    },
  };
}
