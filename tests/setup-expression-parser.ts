// The tests check and evaluate expressions as the command line does: with the parser installed
// from the start (the app loads it just after its first view; see `src/sim/expressions.ts`).
import '../src/sim/expression-parser';
