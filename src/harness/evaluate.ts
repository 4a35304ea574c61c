/**
 * How the harness asks a rule about an event, with or without a logsource
 * mapping. A mapping may leave an event out (its logsource conditions do not
 * hold); the rule then does not match it, and `explain` says `undefined`.
 */

import type { LogEvent } from '../events/event.js';
import type { LogsourceMap } from '../events/logsource-map.js';
import type { CompiledRule, Explanation } from '../engine/types.js';
import type { Diagnostic } from '../diagnostics.js';

/** A rule as evaluated by the harness (the shape of the engine's routed rule). */
export interface RuleEvaluator {
  /** True when the mapping covers none of the rule's events (absent: false). */
  readonly unmapped?: boolean;
  matches(event: LogEvent): boolean;
  /** The explanation, or `undefined` when the mapping excludes the event. */
  explain(event: LogEvent): Explanation | undefined;
}

/** Routes a compiled rule through a logsource mapping (none: fields as written). */
export type Router = (
  compiled: CompiledRule,
  map: LogsourceMap | undefined,
) => RuleEvaluator;

/** A logsource mapping loaded by name (`windows`) or path, or why not. */
export type MapLoadResult =
  | { readonly ok: true; readonly map: LogsourceMap }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Logsource mapping support: how to load a mapping and route rules through it. */
export interface LogsourceSupport {
  load(name: string): Promise<MapLoadResult>;
  readonly route: Router;
}

/** Evaluates a rule without a mapping: event fields as the rule names them. */
export const directRouter: Router = (compiled) => ({
  matches: (event) => compiled.matches(event),
  explain: (event) => compiled.explain(event),
});
