/**
 * The Monte Carlo worker thread of the command line (bundled to dist/simulation-thread.mjs):
 * the same worker functions as the app's web worker, exposed through comlink on `parentPort`.
 */
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import { createSimulationWorkerApi } from '../workers/simulation-api';
import { nodeEndpoint } from './node-endpoint';

if (!parentPort) {
  throw new Error('simulation-thread.mjs runs as a worker thread of the failpoint command.');
}
expose(createSimulationWorkerApi(), nodeEndpoint(parentPort));
