import { describe, expect, it } from 'vitest';
import { locationAtPath, nodeAtPath, toPlain } from '../../src/rule/yaml-access.js';
import type { YamlNode } from '../../src/rule/yaml11.js';
import { parseYamlDocuments } from '../../src/rule/yaml11.js';

function plain(text: string): unknown[] {
  const result = parseYamlDocuments(text, 'x.yml');
  expect(result.diagnostics).toEqual([]);
  return result.documents.map((d) => toPlain(d.root));
}

function codes(text: string): string[] {
  return parseYamlDocuments(text, 'x.yml').diagnostics.map((d) => d.code);
}

describe('parseYamlDocuments: YAML 1.1 scalars', () => {
  it('keeps the SigmaHQ keyboard-layout values as strings', () => {
    const [doc] = plain('Details|contains: [00000429, 00050429, 0000042a]\n');
    expect(doc).toEqual({ 'Details|contains': ['00000429', '00050429', '0000042a'] });
  });

  it('resolves plain scalars and leaves quoted and block scalars as strings', () => {
    const text = [
      'a: yes',
      "b: 'yes'",
      'c: "010"',
      'd: 010',
      'e: 12:30',
      'f: ~',
      'g:',
      'h: 2024-01-01',
      'i: |',
      '  on',
      'j: 0x17',
      'k: 1e3',
      'l: y',
    ].join('\n');
    expect(plain(text)[0]).toEqual({
      a: true,
      b: 'yes',
      c: '010',
      d: 8,
      e: 750,
      f: null,
      g: null,
      h: '2024-01-01',
      i: 'on\n',
      j: 23,
      k: '1e3',
      l: 'y',
    });
  });

  it('resolves map keys too', () => {
    const result = parseYamlDocuments('yes: 1\n010: 2\n', 'x.yml');
    const root = result.documents[0]?.root;
    expect(root?.kind === 'map' && root.pairs.map((p) => p.key.value)).toEqual([true, 8]);
  });

  it('honours explicit tags and reports ones PyYAML cannot construct', () => {
    expect(plain('a: !!str 010\nb: !!int "12"\n')[0]).toEqual({ a: '010', b: 12 });
    expect(codes('a: !!int abc\n')).toEqual(['SH106']);
    expect(codes('a: !custom x\n')).toEqual(['SH106']);
    expect(codes('a: =\n')).toEqual(['SH106']);
    expect(codes('a: <<\n')).toEqual(['SH106']);
  });

  it('warns when an integer is too large for exact arithmetic', () => {
    const result = parseYamlDocuments('a: 0x7FFFFFFFFFFFFFFF\n', 'x.yml');
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['SH107', 'warning'],
    ]);
    expect(toPlain(result.documents[0]!.root)).toEqual({ a: '9223372036854775807' });
  });
});

describe('parseYamlDocuments: locations', () => {
  const text = 'title: T\ndetection:\n  selection:\n    Image|endswith:\n      - a.exe\n';

  it('gives every key and value its line and column', () => {
    const root = parseYamlDocuments(text, 'r.yml').documents[0]!.root;
    const path = ['detection', 'selection', 'Image|endswith', 0];
    expect(locationAtPath(root, path)).toEqual({ file: 'r.yml', line: 5, column: 9 });
    const selection = nodeAtPath(root, ['detection', 'selection']);
    const pair = selection?.kind === 'map' ? selection.pairs[0] : undefined;
    expect(pair?.key.location).toEqual({ file: 'r.yml', line: 4, column: 5 });
  });

  it('returns undefined for a path that leaves the tree', () => {
    const root = parseYamlDocuments(text, 'r.yml').documents[0]!.root;
    expect(nodeAtPath(root, ['detection', 3])).toBeUndefined();
    expect(nodeAtPath(root, ['nothing', 'here'])).toBeUndefined();
  });

  it('numbers documents and locates each one', () => {
    const result = parseYamlDocuments('a: 1\n---\nb: 2\n', 'm.yml');
    expect(result.documents.map((d) => [d.index, d.location.line])).toEqual([
      [0, 1],
      [1, 3],
    ]);
  });
});

describe('parseYamlDocuments: duplicate keys', () => {
  it('reports a duplicate key where it is repeated, with an excerpt', () => {
    const result = parseYamlDocuments('title: a\nid: 1\ntitle: b\n', 'd.yml');
    expect(result.documents).toEqual([]);
    expect(result.rejected).toBe(1);
    const [d] = result.diagnostics;
    expect(d).toMatchObject({ code: 'SH103', severity: 'error', line: 3, column: 1 });
    expect(d?.message).toContain('first at line 1');
    expect(d?.excerpt).toBe('title: b\n^');
  });

  it('compares keys after resolution, as Python dicts do', () => {
    expect(codes('yes: 1\ntrue: 2\n')).toEqual(['SH103']);
    expect(codes('010: 1\n8: 2\n')).toEqual(['SH103']);
    expect(codes("'010': 1\n010: 2\n")).toEqual([]);
  });

  it('finds duplicates in nested maps and keeps other documents', () => {
    const result = parseYamlDocuments('a: {x: 1, x: 2}\n---\nb: 1\n', 'd.yml');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['SH103']);
    expect(result.documents.map((d) => toPlain(d.root))).toEqual([{ b: 1 }]);
  });
});

describe('parseYamlDocuments: aliases and merge keys', () => {
  it('expands aliases', () => {
    expect(plain('a: &v [1, 2]\nb: *v\n')[0]).toEqual({ a: [1, 2], b: [1, 2] });
  });

  it('stops a billion-laughs document quickly with SH104', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i += 1) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = performance.now();
    const result = parseYamlDocuments(`${levels.join('\n')}\n---\nok: 1\n`, 'bomb.yml');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['SH104']);
    expect(result.documents.map((d) => toPlain(d.root))).toEqual([{ ok: 1 }]);
  });

  it('counts nested expansions against maxAliasCount', () => {
    const text = 'a: &a [1]\nb: &b [*a, *a]\nc: [*b, *b]\n';
    // b expands *a twice; each *b expands itself and then *a twice: 2 + 2 * 3.
    expect(parseYamlDocuments(text, 'x.yml', { maxAliasCount: 8 }).diagnostics).toEqual(
      [],
    );
    const limited = parseYamlDocuments(text, 'x.yml', { maxAliasCount: 7 });
    expect(limited.diagnostics.map((d) => d.code)).toEqual(['SH104']);
  });

  it('merges << maps; own keys win', () => {
    const text = 'base: &b {x: 1, y: 2}\nrule:\n  <<: *b\n  y: 3\n';
    expect(plain(text)[0]).toEqual({ base: { x: 1, y: 2 }, rule: { x: 1, y: 3 } });
    const list = 'a: &a {x: 1}\nb: &b {x: 2, z: 3}\nc:\n  <<: [*a, *b]\n';
    expect(plain(list)[0]).toMatchObject({ c: { x: 1, z: 3 } });
    expect(codes('a:\n  <<: 5\n')).toEqual(['SH113']);
  });
});

describe('parseYamlDocuments: broken input', () => {
  it('reports syntax errors with a location and goes on', () => {
    const result = parseYamlDocuments('a: [1, 2\n---\nb: 1\n', 's.yml');
    expect(result.diagnostics[0]).toMatchObject({
      code: 'SH101',
      file: 's.yml',
      line: 2,
    });
    expect(result.documents.map((d) => toPlain(d.root))).toEqual([{ b: 1 }]);
  });

  it('refuses documents nested too deeply before composing them', () => {
    const deep = (n: number) => `a: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    const text = `x: 1\n---\n${deep(3000)}---\n${deep(3000)}---\ny: 2\n`;
    const result = parseYamlDocuments(text, 'deep.yml');
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['SH114', 2],
      ['SH114', 4],
    ]);
    expect(result.documents.map((d) => [d.index, toPlain(d.root)])).toEqual([
      [0, { x: 1 }],
      [3, { y: 2 }],
    ]);
    expect(result.rejected).toBe(2);
    expect(parseYamlDocuments(deep(5), 'ok.yml', { maxDepth: 6 }).diagnostics).toEqual(
      [],
    );
    const limited = parseYamlDocuments(deep(5), 'ok.yml', { maxDepth: 5 });
    expect(limited.diagnostics.map((d) => d.code)).toEqual(['SH114']);
  });

  it('rejects a map or list used as a key', () => {
    expect(codes('? [a, b]\n: 1\n')).toEqual(['SH105']);
  });

  it('gives an empty document a null root, as PyYAML yields None', () => {
    const result = parseYamlDocuments('a: 1\n---\n# nothing\n---\nb: 2\n', 'e.yml');
    const roots = result.documents.map((d): YamlNode => d.root);
    expect(roots.map(toPlain)).toEqual([{ a: 1 }, null, { b: 2 }]);
    expect(parseYamlDocuments('# only a comment\n', 'e.yml').documents).toEqual([]);
  });
});

describe('parseYamlDocuments: aliases that nest deeply', () => {
  it('refuses a document whose aliases nest it past maxDepth', () => {
    const lines = ['l0: &l0 [[[[x]]]]'];
    for (let i = 1; i <= 20; i += 1) lines.push(`l${i}: &l${i} [[[[*l${i - 1}]]]]`);
    const options = { maxDepth: 64, maxAliasCount: 10_000 };
    const result = parseYamlDocuments(`${lines.join('\n')}\n`, 'nest.yml', options);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['SH114']);
    expect(result.documents).toEqual([]);
  });

  it('survives an alias that refers to its own collection', () => {
    const result = parseYamlDocuments('a: &a [1, *a]\n', 'self.yml');
    expect(result.documents.length + result.rejected).toBe(1);
    expect(result.diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });
});
