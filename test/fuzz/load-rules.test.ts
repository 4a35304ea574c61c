import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/fuzz/load-rules.js';
import { buildReference } from '../../src/fuzz/reference.js';
import { ruleWithDetection } from './helpers.js';

const BAD_REGEXES = ['a(b', '(?i:abc)', 'a++', '(?P<n>abc)'];

function ruleText(item: string): string {
  return `title: t\nlogsource: {product: x}\ndetection:\n  sel:\n    ${item}\n  condition: sel\n`;
}

describe('rules that do not compile never reach generation', () => {
  it('loadRules returns them apart, with the compile diagnostics', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'load-rules-'));
    await writeFile(join(dir, 'a-good.yml'), ruleText("a: 'x'"));
    for (const [i, re] of BAD_REGEXES.entries()) {
      await writeFile(join(dir, `bad${i}.yml`), ruleText(`a|re: '${re}'`));
    }
    await writeFile(join(dir, 'cidr.yml'), ruleText("ip|cidr: '10.0.0.1/8'"));
    const loaded = await loadRules([dir]);
    expect(loaded.rules.map((t) => t.rule.file)).toEqual([join(dir, 'a-good.yml')]);
    expect(loaded.failed.map((f) => f.diagnostics[0]?.code)).toEqual([
      'SH302',
      'SH302',
      'SH302',
      'SH302',
      'SH302',
    ]);
    expect(loaded.failed[0]?.diagnostics[0]).toMatchObject({
      file: join(dir, 'bad0.yml'),
      line: 5,
      column: 11,
    });
  });

  it('the reference evaluator reports a regex V8 rejects instead of throwing', () => {
    const rule = ruleWithDetection("  sel:\n    a|re: 'a(b'\n  condition: sel");
    const built = buildReference(rule, {});
    expect(built).toMatchObject({ ok: false });
    expect(!built.ok && built.reason).toMatch(/regex "a\(b": Invalid regular expression/);
  });
});
