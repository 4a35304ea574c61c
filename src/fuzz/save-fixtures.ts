/**
 * Saving fuzz findings as fixture cases (`fuzz --save-fixtures`), so a
 * finding becomes a regression test: an evasion is a true positive the rule
 * must learn to match, an over-match a false positive it must stop
 * matching. The case goes into the fixture file that names the rule by id
 * (`rule: <id>`, see docs/fixtures.md), or a new `<rule file stem>.yml` in
 * the fixtures folder. Files are edited through the `yaml` Document API,
 * so comments and anchors stay, and written atomically. A case whose name
 * is already in the file is not added again.
 */

import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { writeFileAtomic } from '../harness/atomic-write.js';
import type { HostnameFinding } from './hostname-fuzz.js';
import type { RuleFuzzReport } from './fuzz-rules.js';

/** What saving did to one fixture file. */
export interface SavedFixtures {
  readonly file: string;
  /** Names of the cases added. */
  readonly added: readonly string[];
  readonly created: boolean;
}

/** Adds the findings of `report` to the rule's fixture file in `folder`. */
export async function saveFindings(
  report: RuleFuzzReport,
  folder: string,
): Promise<SavedFixtures> {
  const existing = await fixtureFileOf(report.id, folder);
  const file =
    existing ?? join(folder, `${basename(report.file, extname(report.file))}.yml`);
  const text =
    existing === undefined ? `rule: ${report.id}\n` : await readFile(file, 'utf8');
  const document = parseDocument(text);
  const names = new Set(caseNames(parse(text) as unknown));
  const added: string[] = [];
  const findings: [HostnameFinding, 'tp' | 'fp'][] = [
    ...report.evasions.map((f): [HostnameFinding, 'tp'] => [f, 'tp']),
    ...report.overmatches.map((f): [HostnameFinding, 'fp'] => [f, 'fp']),
  ];
  for (const [finding, polarity] of findings) {
    const name = caseName(finding);
    if (names.has(name)) continue;
    if (!document.has(polarity)) document.set(polarity, document.createNode([]));
    document.addIn(
      [polarity],
      document.createNode({ name, event: finding.example_event }),
    );
    names.add(name);
    added.push(name);
  }
  if (added.length > 0) await writeFileAtomic(file, document.toString());
  return { file, added, created: existing === undefined && added.length > 0 };
}

/** The case name of a finding: what it is, the hostname, the seed. */
export function caseName(finding: HostnameFinding): string {
  return `fuzz ${finding.kind}: ${finding.hostname} (seed ${finding.seed})`;
}

async function fixtureFileOf(id: string, folder: string): Promise<string | undefined> {
  if (!existsSync(folder)) return undefined;
  const entries = (await readdir(folder, { recursive: true })).sort();
  for (const entry of entries.filter((e) => /\.ya?ml$/.test(e))) {
    const path = join(folder, entry);
    const document = parse(await readFile(path, 'utf8')) as unknown;
    if ((document as { rule?: unknown } | null)?.rule === id) return path;
  }
  return undefined;
}

function caseNames(document: unknown): string[] {
  const doc = document as { tp?: unknown; fp?: unknown } | null;
  const names: string[] = [];
  for (const list of [doc?.tp, doc?.fp]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const name = (entry as { name?: unknown } | null)?.name;
      if (typeof name === 'string') names.push(name);
    }
  }
  return names;
}
