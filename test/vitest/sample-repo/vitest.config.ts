import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// A rule repository imports the installed package. This sample maps the
// export to the source tree so the test needs no build, unless
// SIGMA_HARNESS_FROM_DIST=1 asks for the built package export (dist/).
const entry = fileURLToPath(new URL('../../../src/vitest/index.ts', import.meta.url));
const fromDist = process.env.SIGMA_HARNESS_FROM_DIST === '1';

export default defineConfig({
  resolve: { alias: fromDist ? {} : { 'sigma-harness/vitest': entry } },
  test: { include: ['test/**/*.spec.ts'] },
});
