/**
 * Finding files shipped with the package, wherever the code runs from:
 * `src/` (tests run the TypeScript directly) or `dist/src/` (after build).
 */

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder: the nearest folder holding `package.json`,
 * walking up from `moduleUrl` (an `import.meta.url`). Undefined when none.
 */
export function packageRoot(moduleUrl: string): string | undefined {
  let folder = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}
