/**
 * The fast path against the reference on a sample of the real corpora:
 * SigmaHQ Windows rules of several categories over a few OTRF recordings,
 * routed through the bundled Windows mapping. Same hits, same event indices
 * per rule. Skips with a message when `../shared/corpus` is missing.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLogsourceMap } from '../../src/events/logsource-map-file.js';
import { scanFile } from '../../src/ruleset/scan-file.js';
import { loadScanRules, prepareScan, routeTable } from '../../src/ruleset/scan-setup.js';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const RULES = [
  'process_creation',
  'registry',
  'network_connection',
  'process_access',
].map((folder) => join(CORPUS, 'sigmahq/rules/windows', folder));
const EVENTS = [
  'aptsimulator_cobaltstrike_2021-06-11T21081492.ndjson.gz',
  'cmd_bitsadmin_download_psh_script_2020-10-2302365189.ndjson.gz',
  'raccine_samples_2020-10-18T05002422.ndjson.gz',
].map((file) => join(CORPUS, 'otrf/events', file));
const present = existsSync(join(CORPUS, 'sigmahq')) && EVENTS.every(existsSync);

describe.skipIf(!present)('fast path equals the reference on a corpus sample', () => {
  if (!present) console.warn(`corpus sample skipped: ${CORPUS} is missing`);

  it('gives the same hit events per rule, and some hits', async () => {
    const loaded = await loadLogsourceMap('windows');
    if (loaded.kind !== 'loaded') throw new Error('the windows mapping did not load');
    const ruleSet = await loadScanRules(RULES, {});
    const setup = {
      rulePaths: RULES,
      placeholders: {},
      routes: routeTable(ruleSet.rules, loaded.map),
      ruleCount: ruleSet.rules.length,
    };
    const prepared = await prepareScan(setup, ruleSet);
    if (!prepared.ok) throw new Error('scan did not prepare');
    const options = {
      verify: true,
      profile: false,
      keepEvents: true,
      maxEventBytes: 1 << 26,
    };
    let hits = 0;
    for (const file of EVENTS) {
      const result = await scanFile(file, prepared.prepared.compiled, options);
      expect(result.events).toBeGreaterThan(0);
      expect(result.differences).toBe(0);
      hits += result.hits.reduce((sum, n) => sum + n, 0);
    }
    expect(hits).toBeGreaterThan(0);
  }, 300_000);
});
