// The tests read blueprints as the command line does: with the schemas' wording installed from
// the start (the app loads it just after its first view; see `src/sim/schema-wording.ts`).
import '../src/sim/schema-wording-zod';
