/**
 * Builds `dist/` once before the suite, so that tests which run the
 * command line as a user would (`node dist/src/cli/main.js`) always run the
 * code under test, never a stale build.
 */

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}
