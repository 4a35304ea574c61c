import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareBaseline,
  currentMatchSets,
  mergeBaseline,
  readBaseline,
  writeBaseline,
} from '../../src/harness/baseline.js';
import { canonicalJson, eventFingerprint } from '../../src/harness/fingerprint.js';
import type { RuleResult } from '../../src/harness/results.js';

describe('fingerprints', () => {
  it('ignore key order at every depth, and tell values apart', () => {
    const a = { B: 1, A: { y: [1, { q: 2, p: 1 }], x: null } };
    const b = { A: { x: null, y: [1, { p: 1, q: 2 }] }, B: 1 };
    expect(canonicalJson(a)).toBe('{"A":{"x":null,"y":[1,{"p":1,"q":2}]},"B":1}');
    expect(eventFingerprint(a)).toBe(eventFingerprint(b));
    expect(eventFingerprint({ A: '1' })).not.toBe(eventFingerprint({ A: 1 }));
    expect(eventFingerprint(a)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('baselines', () => {
  const before = {
    'f.yml': { r1: { aa: 'tp one #0', bb: 'tp two #0' } },
    'g.yml': { r2: {} },
  };
  const now = { 'f.yml': { r1: { aa: 'tp one #0', cc: 'tp three #0' } } };

  it('report events newly matched and no longer matched', () => {
    expect(compareBaseline(before, now)).toEqual([
      {
        file: 'f.yml',
        rule: 'r1',
        added: [{ fingerprint: 'cc', label: 'tp three #0' }],
        removed: [{ fingerprint: 'bb', label: 'tp two #0' }],
      },
    ]);
    expect(compareBaseline(now, now)).toEqual([]);
  });

  it('merge keeps entries outside the run and writes atomically', async () => {
    const merged = mergeBaseline(before, now);
    expect(merged.fixtures).toEqual({ 'f.yml': now['f.yml'], 'g.yml': { r2: {} } });
    const folder = await mkdtemp(join(tmpdir(), 'baseline-'));
    const file = join(folder, 'nested', 'baseline.json');
    await writeBaseline(file, merged);
    expect(await readdir(join(folder, 'nested'))).toEqual(['baseline.json']);
    expect(await readBaseline(file)).toEqual({ kind: 'ok', baseline: merged });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(merged);
    expect(await readBaseline(join(folder, 'none.json'))).toEqual({ kind: 'absent' });
    await rm(folder, { recursive: true, force: true });
  });
});

describe('baseline keys', () => {
  function results(fixtureFile: string, ruleFile: string): RuleResult[] {
    const matched = { name: 'tp one', matches: [{ fingerprint: 'aa', index: 0 }] };
    return [
      { id: 'r1', file: ruleFile, fixtures: [{ file: fixtureFile, cases: [matched] }] },
      { file: ruleFile, fixtures: [{ file: fixtureFile, cases: [] }] },
    ] as unknown as RuleResult[];
  }

  it('are relative to the baseline folder, whatever the working folder', () => {
    const relativeRun = currentMatchSets(
      results('fixtures/sub/x.yml', 'rules/r.yml'),
      'fixtures/baseline.json',
    );
    const absoluteRun = currentMatchSets(
      results(resolve('fixtures/sub/x.yml'), resolve('rules/r.yml')),
      resolve('fixtures/baseline.json'),
    );
    expect(relativeRun).toEqual({
      'sub/x.yml': { r1: { aa: 'tp one #0' }, '../rules/r.yml': {} },
    });
    expect(absoluteRun).toEqual(relativeRun);
  });
});
