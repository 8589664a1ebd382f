import { execFileSync } from 'node:child_process';

/** Bundles the command line once, so CLI tests run the same files `npx failpoint` runs. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
}
