/**
 * SigmaHQ regression tests, read as SigmaHQ lays them out: a rule's
 * `regression_tests_path` names `regression_data/.../info.yml` (relative to
 * the repository root), whose `regression_tests_info` entries name an event
 * file (an `.evtx` path; the `.json` beside `info.yml` holds the same events)
 * and an optional `match_count`, a floor that defaults to 1.
 *
 * The root is found from the rule's own location: the nearest folder above
 * the rule file that holds `regression_data` (or, failing that, `rules`).
 * A rule whose `info.yml` is absent is `missing`, never an error: part of
 * SigmaHQ's regression data is withheld on purpose. An `info.yml` that does
 * not parse or has the wrong layout is an error, with its line and column.
 */

import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, parse } from 'node:path';
import type { Diagnostic, SourceLocation } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { SigmaRule } from '../rule/model.js';
import { textOf } from '../rule/meta.js';
import { valueOf } from '../rule/yaml-access.js';
import type { YamlNode } from '../rule/yaml11.js';
import { parseYamlDocuments } from '../rule/yaml11.js';
import type { Fixture, FixtureCase } from './fixture.js';

/** The regression tests of one rule. */
export type RegressionTests =
  | { readonly kind: 'fixture'; readonly fixture: Fixture }
  | { readonly kind: 'missing'; readonly path: string }
  | { readonly kind: 'error'; readonly diagnostics: readonly Diagnostic[] };

/** Reads the regression tests a rule names; the rule must have the path. */
export async function loadRegressionTests(
  rule: SigmaRule & { readonly regressionTestsPath: string },
): Promise<RegressionTests> {
  const root = await findSigmaRoot(dirname(rule.file));
  const info = join(root, rule.regressionTestsPath);
  if (!(await isFile(info))) return { kind: 'missing', path: info };
  let text: string;
  try {
    text = await readFile(info, 'utf8');
  } catch (error) {
    const at = { file: info, line: 1, column: 1 };
    return infoError(at, `cannot read info.yml: ${(error as Error).message}`);
  }
  return readInfo(text, info, rule.id ?? rule.title);
}

/**
 * The SigmaHQ root above `folder`: the nearest folder holding
 * `regression_data`, else the nearest holding `rules`, else `folder`.
 */
export async function findSigmaRoot(folder: string): Promise<string> {
  let fallback: string | undefined;
  for (let current = folder; ; current = dirname(current)) {
    if (await isFolder(join(current, 'regression_data'))) return current;
    if (fallback === undefined && (await isFolder(join(current, 'rules')))) {
      fallback = current;
    }
    if (dirname(current) === current) return fallback ?? folder;
  }
}

function readInfo(text: string, file: string, ruleId: string): RegressionTests {
  const parsed = parseYamlDocuments(text, file);
  const root = parsed.documents[0]?.root;
  const problems = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (problems.length > 0) return { kind: 'error', diagnostics: problems };
  const tests = root?.kind === 'map' ? valueOf(root, 'regression_tests_info') : undefined;
  const at = root?.location ?? { file, line: 1, column: 1 };
  if (tests?.kind !== 'seq' || tests.items.length === 0) {
    return infoError(at, 'info.yml has no `regression_tests_info` list');
  }
  const cases: FixtureCase[] = [];
  for (const item of tests.items) {
    const one = readTest(item, file);
    if ('code' in one) return { kind: 'error', diagnostics: [one] };
    cases.push(one);
  }
  const fixture: Fixture = {
    format: 'sigmahq',
    file,
    rule: { kind: 'id', id: ruleId },
    cases,
    location: at,
  };
  return { kind: 'fixture', fixture };
}

function readTest(item: YamlNode, info: string): FixtureCase | Diagnostic {
  if (item.kind !== 'map') return problem(item.location, 'a test entry is a map');
  const path = textOf(valueOf(item, 'path'));
  if (path === undefined) return problem(item.location, 'the test entry has no `path`');
  const floor = valueOf(item, 'match_count');
  const count = floor === undefined ? 1 : Number(textOf(floor));
  if (!Number.isSafeInteger(count) || count < 0) {
    return problem(floor?.location ?? item.location, '`match_count` is a whole number');
  }
  const events = join(dirname(info), `${parse(basename(path)).name}.json`);
  return {
    name: textOf(valueOf(item, 'name')) ?? basename(path),
    polarity: 'tp',
    source: { kind: 'file', path: events },
    expect: { kind: 'range', min: count },
    location: item.location,
  };
}

function problem(at: SourceLocation, message: string): Diagnostic {
  return diagnostic(at, 'SH608', 'error', message);
}

function infoError(at: SourceLocation, message: string): RegressionTests {
  return { kind: 'error', diagnostics: [problem(at, message)] };
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true;
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() === true;
}
