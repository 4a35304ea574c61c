import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { discoverRuleFiles } from '../../src/rule/discover.js';
import { loadRuleFile } from '../../src/rule/load.js';

const SIGMAHQ = fileURLToPath(
  new URL('../../../shared/corpus/sigmahq/', import.meta.url),
);
const present = existsSync(SIGMAHQ);
const LIVE = [
  'rules',
  'rules-emerging-threats',
  'rules-threat-hunting',
  'rules-placeholder',
  'rules-compliance',
];

async function loadFolders(folders: readonly string[]) {
  const found = await discoverRuleFiles(folders.map((f) => `${SIGMAHQ}${f}`));
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  let documents = 0;
  let rejected = 0;
  for (const file of found.files) {
    const result = await loadRuleFile(file);
    documents += result.documents.length;
    rejected += result.rejected;
    diagnostics.push(...result.diagnostics);
  }
  return { files: found.files.length, documents, rejected, diagnostics };
}

if (!present) {
  console.warn(`corpus tests skipped: SigmaHQ corpus not found at ${SIGMAHQ}`);
}

describe.skipIf(!present)('SigmaHQ corpus (../shared/corpus/sigmahq)', () => {
  it('loads the 3,780 live rules with no error', async () => {
    const result = await loadFolders(LIVE);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
    expect(result.rejected).toBe(0);
    expect(result.documents).toBe(3780);
  });

  it('loads deprecated/ and unsupported/; every problem is located', async () => {
    const result = await loadFolders(['deprecated', 'unsupported']);
    expect(result.files).toBeGreaterThan(0);
    expect(result.documents + result.rejected).toBeGreaterThanOrEqual(result.files);
    for (const d of result.diagnostics) {
      expect(d.file.startsWith(SIGMAHQ)).toBe(true);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.code).toMatch(/^SH\d{3}$/);
    }
  });
});
