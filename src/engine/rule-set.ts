/**
 * Loading a set of rules from files and folders and compiling each, with
 * the Sigma filters found among them applied to the rules they name. One
 * bad rule never stops the others: it is listed with its diagnostics.
 */

import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import { discoverRuleFiles } from '../rule/discover.js';
import { loadRuleFile } from '../rule/load.js';
import { checkReferences } from '../rule/references.js';
import type {
  SigmaCorrelation,
  SigmaDocument,
  SigmaFilter,
  SigmaRule,
} from '../rule/model.js';
import type { CompileOptions } from './compile-rule.js';
import { compileRule } from './compile-rule.js';
import type { CompiledRule } from './types.js';

/** A rule that did not compile, with why. */
export interface FailedRule {
  readonly rule: SigmaRule;
  readonly diagnostics: readonly Diagnostic[];
}

/** Everything found in a set of rule files. */
export interface RuleSet {
  /** The rule files read, in order. */
  readonly files: readonly string[];
  /** Rules ready for evaluation, in file order. */
  readonly rules: readonly CompiledRule[];
  /** Rules that loaded but did not compile. */
  readonly failed: readonly FailedRule[];
  readonly filters: readonly SigmaFilter[];
  /** Correlation rules: loaded and validated, never evaluated. */
  readonly correlations: readonly SigmaCorrelation[];
  /** Number of documents rejected while loading (YAML or schema errors). */
  readonly rejected: number;
  /** Every diagnostic, loading and compiling, in file order. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Loads and compiles the rules in `paths` (files or folders). */
export async function loadRuleSet(
  paths: readonly string[],
  options: CompileOptions = {},
): Promise<RuleSet> {
  const discovered = await discoverRuleFiles(paths);
  const diagnostics: Diagnostic[] = [...discovered.diagnostics];
  const documents: SigmaDocument[] = [];
  let rejected = 0;
  for (const file of discovered.files) {
    const loaded = await loadRuleFile(file);
    diagnostics.push(...loaded.diagnostics);
    documents.push(...loaded.documents);
    rejected += loaded.rejected;
  }
  diagnostics.push(...checkReferences(documents));
  const compiled = compileDocuments(documents, options);
  return {
    files: discovered.files,
    rejected,
    ...compiled,
    diagnostics: [...diagnostics, ...compiled.diagnostics],
  };
}

/** Compiles loaded documents: rules with the filters that apply to them. */
export function compileDocuments(
  documents: readonly SigmaDocument[],
  options: CompileOptions = {},
): Omit<RuleSet, 'files' | 'rejected'> {
  const filters = documents.filter((d): d is SigmaFilter => d.kind === 'filter');
  const correlations = documents.filter(
    (d): d is SigmaCorrelation => d.kind === 'correlation',
  );
  const rules: CompiledRule[] = [];
  const failed: FailedRule[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const document of documents) {
    if (document.kind !== 'rule') continue;
    const result = compileRule(document, { ...options, filters });
    diagnostics.push(...result.diagnostics);
    if (result.ok) rules.push(result.compiled);
    else failed.push({ rule: document, diagnostics: result.diagnostics });
  }
  for (const correlation of correlations) {
    const message = `correlation rule '${correlation.title}' is loaded but not evaluated`;
    diagnostics.push(diagnostic(correlation.location, 'SH253', 'warning', message));
  }
  return { rules, failed, filters, correlations, diagnostics };
}
