import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleFuzzReport } from '../../src/fuzz/fuzz-rules.js';
import { saveFindings } from '../../src/fuzz/save-fixtures.js';
import { loadFixtureFile } from '../../src/harness/fixture-load.js';

const ID = '1d08ac94-400d-4469-a82f-daee9a908849';
const RULE = { id: ID, file: 'rules/windows/net_connection_win_domain_ngrok_tunnel.yml' };

function report(): RuleFuzzReport {
  const common = { property: 'members' as const, seed: 42, path: '0:1' };
  return {
    id: ID,
    title: 'seed',
    file: RULE.file,
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
    const saved = await saveFindings(report(), RULE, folder);
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
    const again = await saveFindings(report(), RULE, folder);
    expect(again.added).toEqual([]);
  });

  it('creates a fixture file named after the rule file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'fuzz-fixtures-'));
    const saved = await saveFindings(report(), RULE, folder);
    expect(saved.created).toBe(true);
    expect(saved.file).toBe(join(folder, 'net_connection_win_domain_ngrok_tunnel.yml'));
    expect(await readFile(saved.file, 'utf8')).toMatch(/^rule: 1d08ac94/);
  });
});

describe('finding the fixture file as sigma-harness test pairs it', () => {
  it('adds to a fixture file that names the rule by its path', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fuzz-fixtures-'));
    const folder = join(root, 'fixtures', 'net');
    await mkdir(folder, { recursive: true });
    const rule = { id: ID, file: join(root, RULE.file) };
    const file = join(folder, 'by-path.yml');
    const ruleText = '../../rules/windows/net_connection_win_domain_ngrok_tunnel.yml';
    await writeFile(file, `rule: ${ruleText} # by path\n`);
    const saved = await saveFindings(report(), rule, join(root, 'fixtures'));
    expect(saved).toMatchObject({ file, created: false });
    expect(saved.added).toHaveLength(2);
    expect(await readdir(folder)).toEqual(['by-path.yml']);
    const text = await readFile(file, 'utf8');
    expect(text).toContain(`rule: ${ruleText} # by path`);
    expect(text).toContain('fuzz over-match: atunnel.us.ngrok.com (seed 42)');
  });

  it('names a rule without an id by its path, which test resolves to the rule', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fuzz-fixtures-'));
    const file = join(root, RULE.file);
    const saved = await saveFindings(report(), { file }, join(root, 'fixtures'));
    expect(saved.created).toBe(true);
    const loaded = await loadFixtureFile(saved.file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    expect(loaded.fixture.rule).toEqual({ kind: 'path', path: file });
    const again = await saveFindings(report(), { file }, join(root, 'fixtures'));
    expect(again).toMatchObject({ file: saved.file, added: [] });
  });

  it('never replaces a file that names another rule', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'fuzz-fixtures-'));
    const file = join(folder, 'net_connection_win_domain_ngrok_tunnel.yml');
    const original = 'rule: another-rule\ntp:\n  - name: x\n    event: { a: b }\n';
    await writeFile(file, original);
    const saved = await saveFindings(report(), RULE, folder);
    expect(saved).toMatchObject({ file, added: [], created: false });
    expect(saved.refused).toMatch(/does not name the rule/);
    expect(await readFile(file, 'utf8')).toBe(original);
  });
});

describe('a fixtures folder that cannot be written', () => {
  it('refuses the cases with the reason, and writes nothing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fuzz-fixtures-'));
    await writeFile(join(root, 'plain'), 'not a folder\n');
    const saved = await saveFindings(report(), RULE, join(root, 'plain', 'fixtures'));
    expect(saved).toMatchObject({ added: [], created: false });
    expect(saved.refused).toBe(`${join(root, 'plain')} is not a folder`);
    expect(await readdir(root)).toEqual(['plain']);
  });
});
