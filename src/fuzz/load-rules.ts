/**
 * Loading the rules a fuzz or generate command works on: Sigma rule
 * documents from files and folders, with every loading diagnostic.
 * Filters and correlation rules are not fuzzed.
 */

import type { Diagnostic } from '../diagnostics.js';
import { discoverRuleFiles } from '../rule/discover.js';
import { loadRuleFile } from '../rule/load.js';
import type { SigmaRule } from '../rule/model.js';

/** The rules found, the diagnostics, and how many documents were rejected. */
export interface LoadedRules {
  readonly rules: readonly SigmaRule[];
  readonly diagnostics: readonly Diagnostic[];
  readonly rejected: number;
}

/** Loads every rule under `paths` (files or folders), in file order. */
export async function loadRules(paths: readonly string[]): Promise<LoadedRules> {
  const discovered = await discoverRuleFiles(paths);
  const diagnostics: Diagnostic[] = [...discovered.diagnostics];
  const rules: SigmaRule[] = [];
  let rejected = 0;
  for (const file of discovered.files) {
    const loaded = await loadRuleFile(file);
    diagnostics.push(...loaded.diagnostics);
    rejected += loaded.rejected;
    for (const document of loaded.documents) {
      if (document.kind === 'rule') rules.push(document);
    }
  }
  return { rules, diagnostics, rejected };
}
