/**
 * What a web worker's failures look like to the code that started it: the error it stopped on
 * (or could not start with), and a message it could not read, each as one sentence to the
 * listeners registered.
 */

/** Registers a listener for a worker's failures. */
export type FailureListener = (listener: (message: string) => void) => void;

/**
 * Watches `worker` for failures; `what` names it in the sentence ("engine", "simulation").
 * The error event's default (a report in the console as uncaught) is prevented: the listeners
 * say it instead.
 */
export function watchWorkerFailures(worker: Worker, what: string): FailureListener {
  const listeners: ((message: string) => void)[] = [];
  const failed = (message: string) => {
    for (const listener of listeners) listener(message);
  };
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    failed(
      event.message
        ? `The ${what} worker stopped on an error: ${event.message}`
        : `The ${what} worker could not be started.`,
    );
  });
  worker.addEventListener('messageerror', () => {
    failed(`The ${what} worker received a message it could not read.`);
  });
  return (listener) => void listeners.push(listener);
}
