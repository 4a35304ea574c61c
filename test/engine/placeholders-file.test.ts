import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlaceholderFile } from '../../src/engine/placeholders-file.js';

async function file(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'placeholders-'));
  const path = join(dir, 'values.yml');
  await writeFile(path, text);
  return path;
}

describe('placeholder files', () => {
  it('reads lists and single values as strings', async () => {
    const result = await loadPlaceholderFile(
      await file('Servers: [srv1, 010]\nAdmins: root\n'),
    );
    expect(result).toEqual({
      ok: true,
      values: { Servers: ['srv1', '010'], Admins: ['root'] },
    });
  });

  it('points at a value that is not a list of strings', async () => {
    const result = await loadPlaceholderFile(await file('Servers:\n  nested: map\n'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ code: 'SH802', line: 2, column: 3 });
  });

  it('says that names are written without %', async () => {
    const result = await loadPlaceholderFile(
      await file("Servers: a\n'%Admins%': root\n"),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'SH802', line: 2, column: 1 });
    expect(result.diagnostics[0]?.message).toContain("'Admins', not '%Admins%'");
  });

  it('names an unreadable file', async () => {
    const result = await loadPlaceholderFile('/nonexistent/values.yml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({
      code: 'SH801',
      file: '/nonexistent/values.yml',
    });
  });
});
