#!/usr/bin/env node
// The `failpoint` command. The TypeScript sources are bundled into dist/ by `npm install`
// (the prepare script); run `npm run build:cli` after changing them.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'failpoint: the command line is not built yet. Run `npm install` or `npm run build:cli` in the repository first.\n',
  );
  process.exit(2);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
