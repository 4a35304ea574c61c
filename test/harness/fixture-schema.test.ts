import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverRuleFiles } from '../../src/rule/discover.js';
import {
  CASE_KEYS,
  FIXTURE_KEYS,
  loadFixtureFile,
} from '../../src/harness/fixture-load.js';

interface Schema {
  properties: Record<string, unknown>;
  $defs: { case: { properties: Record<string, unknown> } };
}

describe('the published fixture schema and the project fixtures', () => {
  it('lists exactly the keys the loader accepts', async () => {
    const text = await readFile('docs/schemas/fixture.schema.json', 'utf8');
    const schema = JSON.parse(text) as Schema;
    expect(Object.keys(schema.properties).sort()).toEqual([...FIXTURE_KEYS].sort());
    expect(Object.keys(schema.$defs.case.properties).sort()).toEqual(
      [...CASE_KEYS].sort(),
    );
  });

  it('every project fixture loads, with at least 3 tp and 3 fp cases', async () => {
    const { files } = await discoverRuleFiles(['fixtures']);
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files.filter((f) => !f.startsWith(join('fixtures', 'events')))) {
      const loaded = await loadFixtureFile(file);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
      const count = (polarity: string) =>
        loaded.fixture.cases.filter((c) => c.polarity === polarity).length;
      expect(count('tp'), file).toBeGreaterThanOrEqual(3);
      expect(count('fp'), file).toBeGreaterThanOrEqual(3);
    }
  });
});
