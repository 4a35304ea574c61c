import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// A rule repository would import the installed package; this sample maps
// the package export to the source tree so the test needs no build.
const entry = fileURLToPath(new URL('../../../src/vitest/index.ts', import.meta.url));

export default defineConfig({
  resolve: { alias: { 'sigma-harness/vitest': entry } },
  test: { include: ['test/**/*.spec.ts'] },
});
