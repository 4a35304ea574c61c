/**
 * The rule-set compiler: rules routed by logsource (`route-groups.ts`,
 * `routing-index.ts`) and indexed by a cross-rule prefilter per route group
 * (`prefilter.ts`). `match` evaluates only the candidates the prefilter
 * selects; `matchReference` evaluates every routed rule on every event. Both
 * return the same set of rules for every event (the prefilter's contract).
 */

import type { CompiledRule } from '../engine/types.js';
import type { LogEvent } from '../events/event.js';
import type { LogsourceMap } from '../events/logsource-map.js';
import type { RoutedRule } from '../engine/routing.js';
import { routeRule } from '../engine/routing.js';
import { Prefilter } from './prefilter.js';
import type { Requirement } from './requirement.js';
import { ruleRequirement } from './requirement.js';
import type { RouteGroup } from './route-groups.js';
import { groupRules } from './route-groups.js';
import { RoutingIndex } from './routing-index.js';

/** Time spent per rule, filled when profiling. */
export interface RuleProfile {
  /** Full evaluations of each rule. */
  readonly evaluations: Float64Array;
  /** Nanoseconds spent in each rule's full evaluations. */
  readonly nanoseconds: Float64Array;
}

/** Figures about how the set was compiled. */
export interface RuleSetStats {
  readonly rules: number;
  readonly groups: number;
  readonly unmapped: number;
  /** Routed rules with nothing to index: candidates whatever the event holds. */
  readonly alwaysCandidates: number;
  /** Prefilters built so far, one per routing combination met. */
  readonly prefilters: number;
}

/** A rule set ready for scanning. */
export class CompiledRuleSet {
  /** Each rule's requirement, in rule order. */
  readonly requirements: readonly Requirement[];
  /** Indices of rules the mapping does not route (never evaluated). */
  readonly unmapped: readonly number[];
  private readonly routed: readonly RoutedRule[];
  private readonly groups: readonly RouteGroup[];
  private readonly index: RoutingIndex;
  /** Prefilters by routing combination (group indices joined by commas). */
  private readonly prefilters = new Map<string, Prefilter>();
  private readonly matchedIn: Uint32Array;
  private eventNumber = 0;

  /** Compiles `rules` for scanning, routed through `map` when given. */
  constructor(
    readonly rules: readonly CompiledRule[],
    map: LogsourceMap | undefined,
  ) {
    this.requirements = rules.map((compiled) => ruleRequirement(compiled.rule));
    this.routed = rules.map((compiled) => routeRule(compiled, map));
    const routed = groupRules(rules, map);
    this.groups = routed.groups;
    this.unmapped = routed.unmapped;
    this.index = new RoutingIndex(this.groups);
    this.matchedIn = new Uint32Array(rules.length);
  }

  /** Figures about the compiled set. */
  stats(): RuleSetStats {
    const routed = new Set(this.groups.flatMap((group) => group.rules));
    const always = [...routed].filter(
      (rule) => this.requirements[rule]?.kind === 'always',
    );
    return {
      rules: this.rules.length,
      groups: this.groups.length,
      unmapped: this.unmapped.length,
      alwaysCandidates: always.length,
      prefilters: this.prefilters.size,
    };
  }

  /**
   * Indices of the rules that match `event`, ascending, evaluating only the
   * prefilter's candidates. With `profile`, times each full evaluation.
   */
  match(event: LogEvent, profile?: RuleProfile): number[] {
    const routes = this.index.route(event);
    if (routes.length === 0) return [];
    const prefilter = this.prefilterOf(routes);
    const count = prefilter.collect(event);
    this.eventNumber = this.eventNumber === 0xffffffff ? 1 : this.eventNumber + 1;
    if (this.eventNumber === 1) this.matchedIn.fill(0);
    const matched: number[] = [];
    for (let i = 0; i < count; i++) {
      const slot = prefilter.candidate(i);
      const rule = prefilter.slotRule[slot] as number;
      if (this.matchedIn[rule] === this.eventNumber) continue;
      const group = this.groups[prefilter.slotGroup[slot] as number] as RouteGroup;
      if (this.evaluate(rule, event, group, profile)) {
        matched.push(rule);
        this.matchedIn[rule] = this.eventNumber;
      }
    }
    return matched.length > 1 ? matched.sort((a, b) => a - b) : matched;
  }

  /**
   * Indices of the rules that match `event`, ascending: the reference path,
   * every rule evaluated through `routeRule` (`engine/routing.ts`).
   */
  matchReference(event: LogEvent): number[] {
    const matched: number[] = [];
    this.routed.forEach((routed, index) => {
      if (routed.matches(event)) matched.push(index);
    });
    return matched;
  }

  /** The prefilter of a routing combination, built on first use. */
  private prefilterOf(routes: readonly number[]): Prefilter {
    const key = routes.length === 1 ? String(routes[0]) : routes.join(',');
    let prefilter = this.prefilters.get(key);
    if (prefilter === undefined) {
      const groups = routes.map((index) => {
        const group = this.groups[index] as RouteGroup;
        return { index, rules: group.rules, renames: group.variant.fields };
      });
      prefilter = new Prefilter(groups, this.requirements);
      this.prefilters.set(key, prefilter);
    }
    return prefilter;
  }

  private evaluate(
    rule: number,
    event: LogEvent,
    group: RouteGroup,
    profile: RuleProfile | undefined,
  ): boolean {
    const compiled = this.rules[rule] as CompiledRule;
    if (profile === undefined) return compiled.matches(event, group.reader);
    const start = process.hrtime.bigint();
    const result = compiled.matches(event, group.reader);
    profile.evaluations[rule] = (profile.evaluations[rule] ?? 0) + 1;
    profile.nanoseconds[rule] =
      (profile.nanoseconds[rule] ?? 0) + Number(process.hrtime.bigint() - start);
    return result;
  }
}
