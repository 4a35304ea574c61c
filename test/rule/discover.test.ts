import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverRuleFiles } from '../../src/rule/discover.js';

async function tree(files: readonly string[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'sh-discover-'));
  for (const file of files) {
    const path = join(root, file);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, 'title: x\n');
  }
  return root;
}

describe('discoverRuleFiles', () => {
  it('walks folders for .yml and .yaml files, sorted, without duplicates', async () => {
    const root = await tree(['b/z.yml', 'a.yaml', 'b/a/y.YML', 'notes.txt', 'c/d/e.yml']);
    const direct = join(root, 'a.yaml');
    const result = await discoverRuleFiles([join(root, 'b'), root, direct]);
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((f) => f.slice(root.length + 1))).toEqual([
      'a.yaml',
      'b/a/y.YML',
      'b/z.yml',
      'c/d/e.yml',
    ]);
  });

  it('takes a file given directly whatever its extension', async () => {
    const root = await tree(['rule.txt']);
    const result = await discoverRuleFiles([join(root, 'rule.txt')]);
    expect(result.files).toEqual([join(root, 'rule.txt')]);
  });

  it('reports a missing path and still lists the others', async () => {
    const root = await tree(['x.yml']);
    const missing = join(root, 'nope');
    const result = await discoverRuleFiles([missing, root]);
    expect(result.files).toEqual([join(root, 'x.yml')]);
    expect(result.diagnostics).toMatchObject([
      { code: 'SH112', severity: 'error', file: missing, line: 1, column: 1 },
    ]);
  });
});
