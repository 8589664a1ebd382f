/**
 * The teaching mode's web worker: walks customers through the blueprint (`trace-api.ts`) so the
 * page's thread only animates them.
 */
import { expose } from 'comlink';
import { createTraceWorkerApi } from './trace-api';

expose(createTraceWorkerApi());
