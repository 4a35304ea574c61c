/**
 * Finding the fixture file of a rule as `sigma-harness test` pairs them
 * (`src/harness/plan.ts`, format in docs/fixtures.md): the fixture's
 * `rule:` is the rule's id, or a value ending in `.yml` or `.yaml`, a path
 * to the rule file relative to the fixture file. Fixture files are found
 * as `test --fixtures` finds them (`*.yml`, `*.yaml`, recursively, sorted)
 * and read as YAML 1.1. Only `rule:` is read, so a fixture file with
 * other problems (no case yet, say) is still found.
 */

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import type { RuleReference } from '../harness/fixture.js';
import { discoverRuleFiles } from '../rule/discover.js';
import { valueOf } from '../rule/yaml-access.js';
import { parseYamlDocuments } from '../rule/yaml11.js';

/** What a fixture pairs on: the rule's id, when it has one, and its file. */
export interface PairedRule {
  readonly id?: string;
  readonly file: string;
}

const RULE_PATH = /\.ya?ml$/i;

/** The first fixture file under `folder` that names `rule`, if any. */
export async function findFixtureFile(
  rule: PairedRule,
  folder: string,
): Promise<string | undefined> {
  if (!existsSync(folder)) return undefined;
  for (const file of (await discoverRuleFiles([folder])).files) {
    const reference = await ruleReferenceOf(file);
    if (reference !== undefined && names(reference, rule)) return file;
  }
  return undefined;
}

/**
 * The `rule:` value a new fixture file in `folder` names `rule` by: its id,
 * or, for a rule without one, the path of its file relative to `folder`.
 */
export function ruleReferenceText(rule: PairedRule, folder: string): string {
  if (rule.id !== undefined) return rule.id;
  return relative(resolve(folder), resolve(rule.file)).split(sep).join('/');
}

/** True when `reference` names `rule`, by the comparison `test` makes. */
function names(reference: RuleReference, rule: PairedRule): boolean {
  return reference.kind === 'id'
    ? rule.id === reference.id
    : resolve(rule.file) === reference.path;
}

/** The rule a fixture file names, when it can be read. */
async function ruleReferenceOf(file: string): Promise<RuleReference | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = parseYamlDocuments(text, file);
  const root = parsed.documents.length === 1 ? parsed.documents[0]?.root : undefined;
  if (root?.kind !== 'map') return undefined;
  const node = valueOf(root, 'rule');
  if (node?.kind !== 'scalar' || typeof node.value !== 'string' || node.value === '') {
    return undefined;
  }
  return RULE_PATH.test(node.value)
    ? { kind: 'path', path: resolve(dirname(file), node.value) }
    : { kind: 'id', id: node.value };
}
