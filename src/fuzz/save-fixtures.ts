/**
 * Saving fuzz findings as fixture cases (`fuzz --save-fixtures`), so a
 * finding becomes a regression test: an evasion is a true positive the rule
 * must learn to match, an over-match a false positive it must stop
 * matching. The case goes into the fixture file that names the rule as
 * `sigma-harness test` pairs them (by id, or by the rule file's path; see
 * `fixture-pairing.ts`), or into a new `<rule file stem>.yml` in the
 * fixtures folder, naming the rule by id (by path when it has none). An
 * existing file is never replaced by a new one. Files are edited through
 * the `yaml` Document API, so comments and anchors stay, and written
 * atomically; a file that cannot be written is refused, with the reason.
 * A case whose name is already in the file is not added again.
 */

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { Document, parseDocument } from 'yaml';
import { writeFailureReason, writeFileAtomic } from '../harness/atomic-write.js';
import type { ReferencedRule } from '../harness/fixture-load.js';
import { findFixtureFile, ruleReferenceText } from './fixture-pairing.js';
import type { HostnameFinding } from './hostname-fuzz.js';
import type { RuleFuzzReport } from './fuzz-rules.js';

/** What saving did to one fixture file. */
export interface SavedFixtures {
  readonly file: string;
  /** Names of the cases added. */
  readonly added: readonly string[];
  readonly created: boolean;
  /** Why nothing was saved, when the file could not take the cases. */
  readonly refused?: string;
}

/**
 * Adds the findings of `report` on `rule` (the rule's id and file) to the
 * rule's fixture file in `folder`.
 */
export async function saveFindings(
  report: RuleFuzzReport,
  rule: ReferencedRule,
  folder: string,
): Promise<SavedFixtures> {
  const existing = await findFixtureFile(rule, folder);
  const file = existing ?? join(folder, `${basename(rule.file, extname(rule.file))}.yml`);
  if (existing === undefined && existsSync(file)) {
    const refused = 'the file exists and does not name the rule; not replaced';
    return { file, added: [], created: false, refused };
  }
  const document =
    existing === undefined
      ? new Document({ rule: ruleReferenceText(rule, folder) })
      : parseDocument(await readFile(existing, 'utf8'));
  if (document.errors.length > 0) {
    const refused = `not valid YAML: ${document.errors[0]?.message ?? ''}`;
    return { file, added: [], created: false, refused };
  }
  const names = new Set(caseNames(document.toJS() as unknown));
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
  if (added.length === 0) return { file, added, created: false };
  try {
    await writeFileAtomic(file, document.toString());
  } catch (error) {
    return { file, added: [], created: false, refused: writeFailureReason(error) };
  }
  return { file, added, created: existing === undefined };
}

/** The case name of a finding: what it is, the hostname, the seed. */
export function caseName(finding: HostnameFinding): string {
  return `fuzz ${finding.kind}: ${finding.hostname} (seed ${finding.seed})`;
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
