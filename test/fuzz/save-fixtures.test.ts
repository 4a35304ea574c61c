import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleFuzzReport } from '../../src/fuzz/fuzz-rules.js';
import { saveFindings } from '../../src/fuzz/save-fixtures.js';
import { loadFixtureFile } from '../../src/harness/fixture-load.js';

const ID = '1d08ac94-400d-4469-a82f-daee9a908849';

function report(): RuleFuzzReport {
  const common = { property: 'members' as const, seed: 42, path: '0:1' };
  return {
    id: ID,
    title: 'seed',
    file: 'rules/windows/net_connection_win_domain_ngrok_tunnel.yml',
    fields: ['DestinationHostname'],
    zone_sets: ['ngrok-agent'],
    evasions: [
      {
        ...common,
        kind: 'evasion',
        hostname: 'connect.ngrok-agent.com',
        example_event: { DestinationHostname: 'connect.ngrok-agent.com' },
        zone: 'connect.ngrok-agent.com',
      },
    ],
    overmatches: [
      {
        ...common,
        kind: 'over-match',
        hostname: 'atunnel.us.ngrok.com',
        example_event: { DestinationHostname: 'atunnel.us.ngrok.com' },
      },
    ],
  };
}

describe('saving findings as fixture cases', () => {
  it('appends tp and fp cases, keeps comments, and does not add them twice', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'fuzz-fixtures-'));
    const file = join(folder, 'seed.yml');
    const original = [
      '# hand-written cases',
      `rule: ${ID}`,
      'tp:',
      '  - name: old agent # keep me',
      '    event: { DestinationHostname: tunnel.us.ngrok.com }',
      '',
    ].join('\n');
    await writeFile(file, original);
    const saved = await saveFindings(report(), folder);
    expect(saved).toMatchObject({ file, created: false });
    expect(saved.added).toHaveLength(2);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('# hand-written cases');
    expect(text).toContain('# keep me');
    const loaded = await loadFixtureFile(file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    expect(loaded.fixture.cases.map((c) => `${c.polarity} ${c.name}`)).toEqual([
      'tp old agent',
      'tp fuzz evasion: connect.ngrok-agent.com (seed 42)',
      'fp fuzz over-match: atunnel.us.ngrok.com (seed 42)',
    ]);
    const again = await saveFindings(report(), folder);
    expect(again.added).toEqual([]);
  });

  it('creates a fixture file named after the rule file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'fuzz-fixtures-'));
    const saved = await saveFindings(report(), folder);
    expect(saved.created).toBe(true);
    expect(saved.file).toBe(join(folder, 'net_connection_win_domain_ngrok_tunnel.yml'));
    expect(await readFile(saved.file, 'utf8')).toMatch(/^rule: 1d08ac94/);
  });
});
