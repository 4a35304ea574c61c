import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverRuleFiles } from '../../src/rule/discover.js';
import { checkRules, sampleRules } from '../../src/fuzz/generation-run.js';
import { loadRules } from '../../src/fuzz/load-rules.js';

const SIGMAHQ = '../shared/corpus/sigmahq';
const FOLDERS = [
  'rules',
  'rules-emerging-threats',
  'rules-threat-hunting',
  'rules-placeholder',
  'rules-compliance',
].map((folder) => `${SIGMAHQ}/${folder}`);
const SAMPLE = 100;
const MIN_PASS_RATE = 0.95;
const present = existsSync(SIGMAHQ);

describe.skipIf(!present)('generation over a SigmaHQ sample', () => {
  it(`passes for 95% of ${SAMPLE} evenly spaced rules, no disagreement`, async () => {
    const files = sampleRules((await discoverRuleFiles(FOLDERS)).files, SAMPLE);
    const loaded = await loadRules(files);
    const summary = checkRules(loaded.rules, { count: 10, seed: 1 });
    expect(summary.notPassed.filter((r) => r.status === 'disagreed')).toEqual([]);
    expect(summary.passRate).toBeGreaterThanOrEqual(MIN_PASS_RATE);
  });
});

it.skipIf(present)('generation over a SigmaHQ sample: skipped, corpus missing', () => {
  expect(`${SIGMAHQ} is missing`).toContain('missing');
});
