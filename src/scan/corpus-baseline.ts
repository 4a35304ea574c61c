/**
 * Baselines of `scan`: the events each rule matched in each corpus file, as
 * fingerprints, in the baseline format of `harness/baseline.ts` (files keyed
 * relative to the baseline file, rules by id, or by file without one). Only
 * rules with a hit in a file are listed for it; every rule the scan
 * evaluated and left out of a file matched nothing there.
 */

import type { CompiledRule } from '../engine/types.js';
import type { EvaluatedRules, MatchSets } from '../harness/baseline.js';
import { baselineKey } from '../harness/baseline.js';
import type { FileScan } from '../ruleset/scan-file.js';

/** The key of a rule in a baseline: its id, or its file without one. */
function ruleKey(rule: CompiledRule, baselineFile: string): string {
  return rule.rule.id ?? baselineKey(rule.rule.file, baselineFile);
}

/**
 * The match sets of a scan run with fingerprints (`ScanFileOptions`):
 * fingerprint to `line N` per rule per file, every file of the run listed.
 */
export function corpusMatchSets(
  results: readonly FileScan[],
  rules: readonly CompiledRule[],
  baselineFile: string,
): MatchSets {
  const sets: MatchSets = {};
  for (const result of results) {
    const byRule: Record<string, Record<string, string>> = {};
    result.hitFingerprints?.forEach((hits, index) => {
      const rule = rules[index];
      if (rule === undefined || hits.length === 0) return;
      const events = (byRule[ruleKey(rule, baselineFile)] ??= {});
      for (const hit of hits) events[hit.fingerprint] ??= `line ${hit.line}`;
    });
    sets[baselineKey(result.file, baselineFile)] = byRule;
  }
  return sets;
}

/** The rules a scan evaluated: every compiled rule but the unmapped ones. */
export function evaluatedRules(
  rules: readonly CompiledRule[],
  unmapped: readonly number[],
  baselineFile: string,
): EvaluatedRules {
  const skipped = new Set(unmapped);
  const keys = new Set(
    rules.flatMap((rule, index) =>
      skipped.has(index) ? [] : [ruleKey(rule, baselineFile)],
    ),
  );
  return (rule) => keys.has(rule);
}
