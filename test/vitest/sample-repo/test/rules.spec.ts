import { fileURLToPath } from 'node:url';
import { defineSigmaTests } from 'sigma-harness/vitest';

await defineSigmaTests({
  root: fileURLToPath(new URL('..', import.meta.url)),
  rules: ['rules'],
  fixtures: 'fixtures',
});
