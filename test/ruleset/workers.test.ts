/**
 * The worker pool, run from the built output (`dist/`, built by the global
 * setup): results are the same, in the same order, with one or two workers.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Runner from '../../src/ruleset/scan-runner.js';
import type * as Setup from '../../src/ruleset/scan-setup.js';

const DIST = join(import.meta.dirname, '../../dist/src/ruleset');

const RULE = `title: whoami
id: 11111111-1111-4111-8111-111111111111
logsource: { category: process_creation, product: windows }
detection:
  selection:
    CommandLine|contains: whoami
  condition: selection
`;

function corpus(): { rules: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'scan-workers-'));
  const rules = join(dir, 'rule.yml');
  writeFileSync(rules, RULE);
  const files = [0, 1, 2, 3].map((n) => {
    const file = join(dir, `events-${n}.ndjson`);
    const lines = Array.from({ length: 50 + n * 30 }, (_, i) =>
      JSON.stringify({ CommandLine: i % (n + 2) === 0 ? 'cmd /c WHOAMI' : 'dir' }),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  });
  return { rules, files };
}

describe('scan worker pool (built output)', () => {
  it('merges per-file results in file order whatever the number of workers', async () => {
    const runner = (await import(join(DIST, 'scan-runner.js'))) as typeof Runner;
    const setupModule = (await import(join(DIST, 'scan-setup.js'))) as typeof Setup;
    const { rules, files } = corpus();
    const ruleSet = await setupModule.loadScanRules([rules], {});
    const setup = {
      rulePaths: [rules],
      placeholders: {},
      routes: undefined,
      ruleCount: ruleSet.rules.length,
    };
    const prepared = await setupModule.prepareScan(setup, ruleSet);
    if (!prepared.ok) throw new Error('scan did not prepare');
    const options = {
      verify: true,
      profile: false,
      keepEvents: true,
      maxEventBytes: 1 << 20,
    };
    const run = async (workers: number) =>
      (await runner.runScan(files, setup, prepared.prepared, { workers, file: options }))
        .results;
    const one = await run(1);
    const two = await run(2);
    expect(two.map((r) => [r.file, r.events, r.hits, r.hitEvents])).toEqual(
      one.map((r) => [r.file, r.events, r.hits, r.hitEvents]),
    );
    expect(one.map((r) => r.hits[0])).toEqual([25, 27, 28, 28]);
  });
});
