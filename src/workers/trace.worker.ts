/**
 * The teaching mode's web worker: walks customers through the blueprint (`trace-api.ts`) so the
 * page's thread only animates them.
 */
import { expose } from 'comlink';
// Blueprints that do not fit the format are worded here at once (see `sim/schema-wording.ts`).
import '../sim/schema-wording-zod';
// Expressions are checked with the parser from the start (see `sim/expressions.ts`).
import '../sim/expression-parser';
import { createTraceWorkerApi } from './trace-api';

expose(createTraceWorkerApi());
