/**
 * The teaching mode's web worker: walks customers through the blueprint (`trace-api.ts`) so the
 * page's thread only animates them.
 */
import { expose } from 'comlink';
// `load` answers at once in the page's language, so every language's sentences are here (the
// page, where it traces without a worker, has loaded the sentences of its own language).
import '../sim/diagnostics/every-language';
// Blueprints that do not fit the format are worded here at once (see `sim/schema-wording.ts`).
import '../sim/schema-wording-zod';
// Expressions are checked with the parser from the start (see `sim/expressions.ts`).
import '../sim/expression-parser';
import { createTraceWorkerApi } from './trace-api';

expose(createTraceWorkerApi());
