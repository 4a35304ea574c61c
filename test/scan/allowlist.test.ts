/**
 * Allowlists: the format, which hits an entry covers, and the failures of
 * unused and expired entries with their location in the file.
 */

import { describe, expect, it } from 'vitest';
import {
  allowlistFailures,
  coveringEntry,
  parseAllowlist,
} from '../../src/scan/allowlist.js';

const RULE = '5f0ce5a4-2b4c-4a8e-9c2e-bd8c3b2f6f0a';
const TEXT = `# reviewed hits
- rule: ${RULE}
  reason: backup agent checks its own signature
  detection:
    agent:
      ParentImage|endswith: '\\backup-agent.exe'
    condition: agent
- rule: ${RULE}
  reason: old exception
  expires: 2020-01-31
  detection:
    legacy:
      CommandLine|contains: legacy
    condition: legacy
`;

function load() {
  const result = parseAllowlist(TEXT, 'allow.yml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.allowlist;
}

describe('allowlist', () => {
  it('covers a hit of the named rule whose event the detection matches', () => {
    const allowlist = load();
    const event = { ParentImage: 'C:\\Tools\\BACKUP-AGENT.exe' };
    expect(coveringEntry(allowlist, RULE, event)).toBe(0);
    expect(coveringEntry(allowlist, 'another-rule', event)).toBeUndefined();
    expect(coveringEntry(allowlist, RULE, { ParentImage: 'x.exe' })).toBeUndefined();
  });

  it('fails unused and expired entries at their location', () => {
    const allowlist = load();
    const scanned = new Set([RULE]);
    const failures = allowlistFailures(allowlist, [1, 0], '2026-12-03', scanned);
    expect(failures.map((f) => [f.code, f.line])).toEqual([
      ['SH702', 8],
      ['SH703', 8],
    ]);
    expect(allowlistFailures(allowlist, [1, 1], '2019-12-31', scanned)).toEqual([]);
  });

  it('fails entries naming a rule that was not scanned, not as unused', () => {
    const failures = allowlistFailures(load(), [0, 0], '2019-12-31', new Set(['other']));
    expect(failures.map((f) => [f.code, f.line])).toEqual([
      ['SH704', 2],
      ['SH704', 8],
    ]);
  });

  it('rejects entries without a reason, or with a bad date, with a location', () => {
    const bad = `- rule: ${RULE}\n  detection: { s: { a: b }, condition: s }\n`;
    const result = parseAllowlist(bad, 'bad.yml');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.diagnostics[0]).toMatchObject({ code: 'SH701', line: 1 });
    const date = TEXT.replace('2020-01-31', 'soon');
    const dated = parseAllowlist(date, 'bad.yml');
    expect(dated.ok).toBe(false);
  });

  it('reports detection errors of an entry like rule errors', () => {
    const text = `- rule: x\n  reason: r\n  detection:\n    s:\n      a|nomodifier: b\n    condition: s\n`;
    const result = parseAllowlist(text, 'bad.yml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics.some((d) => d.line === 5)).toBe(true);
  });
});
