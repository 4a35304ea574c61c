/**
 * What a scan needs in every thread, as plain data (`ScanSetup`), and how a
 * thread turns it into a compiled rule set and allowlist (`prepareScan`).
 * Rules are loaded from their paths in each thread (loading is
 * deterministic, so rule indices agree); logsource routes are computed once
 * and passed along, so worker threads need no mapping file.
 */

import type { Diagnostic } from '../diagnostics.js';
import { loadRuleSet } from '../engine/rule-set.js';
import type { RuleSet } from '../engine/rule-set.js';
import type { PlaceholderValues } from '../engine/placeholders.js';
import type { LogsourceMap, LogsourceRoute } from '../events/logsource-map.js';
import type { StrategyChoice } from '../matchers/index.js';
import type { Allowlist } from '../scan/allowlist.js';
import { loadAllowlist } from '../scan/allowlist.js';
import type { CompiledRule } from '../engine/types.js';
import type { Logsource } from '../rule/model.js';
import { CompiledRuleSet } from './compiled-rule-set.js';

/** Everything a thread needs to scan, structured-clonable. */
export interface ScanSetup {
  readonly rulePaths: readonly string[];
  /** Values for `expand` placeholders; rules with others fail to compile. */
  readonly placeholders: PlaceholderValues;
  /** Matcher strategy of the rules and allowlist entries; `auto` when absent. */
  readonly matcher?: StrategyChoice;
  /**
   * The mapping's route of each logsource the rules name (`routeTable`), or
   * undefined to evaluate every rule on every event.
   */
  readonly routes: readonly RouteEntry[] | undefined;
  readonly allowlistFile?: string;
  /** The number of compiled rules the main thread saw. */
  readonly ruleCount: number;
}

/** A logsource (as `logsourceKey` writes it) and its route. */
export type RouteEntry = readonly [string, LogsourceRoute];

/** The key of a logsource in a route table. */
export function logsourceKey(logsource: Logsource): string {
  const { category, product, service, definition } = logsource;
  return JSON.stringify([category, product, service, definition]);
}

/** Routes every logsource of `rules` through `map`, as plain data. */
export function routeTable(
  rules: readonly CompiledRule[],
  map: LogsourceMap,
): RouteEntry[] {
  const table = new Map<string, LogsourceRoute>();
  for (const { rule } of rules) {
    const key = logsourceKey(rule.logsource);
    if (!table.has(key)) table.set(key, map.route(rule.logsource));
  }
  return [...table.entries()];
}

/**
 * A mapping that answers from a route table: the same routes as the mapping
 * the table was made from, for the logsources in it; others are unmapped.
 */
export function tableMap(name: string, table: readonly RouteEntry[]): LogsourceMap {
  const routes = new Map(table);
  return {
    name,
    route: (logsource) => routes.get(logsourceKey(logsource)) ?? { kind: 'unmapped' },
  };
}

/** A thread's compiled state. */
export interface PreparedScan {
  readonly ruleSet: RuleSet;
  readonly compiled: CompiledRuleSet;
  readonly allowlist?: Allowlist;
}

/** The result of preparing a scan. */
export type PrepareResult =
  | { readonly ok: true; readonly prepared: PreparedScan }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Loads the rules of `rulePaths` as a scan compiles them. */
export function loadScanRules(
  rulePaths: readonly string[],
  placeholders: PlaceholderValues,
  matcher?: StrategyChoice,
): Promise<RuleSet> {
  return loadRuleSet(rulePaths, { placeholders, matcher });
}

/** Compiles the rule set and the allowlist of `setup`. */
export async function prepareScan(
  setup: ScanSetup,
  ruleSet?: RuleSet,
): Promise<PrepareResult> {
  const rules =
    ruleSet ?? (await loadScanRules(setup.rulePaths, setup.placeholders, setup.matcher));
  if (rules.rules.length !== setup.ruleCount) {
    throw new Error(
      `scan: rules changed while scanning (${rules.rules.length}, ` +
        `expected ${setup.ruleCount})`,
    );
  }
  const map = setup.routes === undefined ? undefined : tableMap('routes', setup.routes);
  const compiled = new CompiledRuleSet(rules.rules, map);
  if (setup.allowlistFile === undefined) {
    return { ok: true, prepared: { ruleSet: rules, compiled } };
  }
  const loaded = await loadAllowlist(setup.allowlistFile, setup.matcher);
  if (!loaded.ok) return { ok: false, diagnostics: loaded.diagnostics };
  return {
    ok: true,
    prepared: { ruleSet: rules, compiled, allowlist: loaded.allowlist },
  };
}
