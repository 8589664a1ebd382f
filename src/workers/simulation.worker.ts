/**
 * The Monte Carlo web worker: exposes the simulation functions through comlink. The pool
 * (`pool.ts`, made by `createBrowserSimulationPool`) starts one per core.
 */
import { expose } from 'comlink';
import { createSimulationWorkerApi } from './simulation-api';

expose(createSimulationWorkerApi());
