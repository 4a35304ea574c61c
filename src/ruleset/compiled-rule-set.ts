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
  /** Rules that are candidates in some group whatever the event holds. */
  readonly alwaysCandidates: number;
  /** Automata built, one per group and event field. */
  readonly automata: number;
}

/** A rule set ready for scanning. */
export class CompiledRuleSet {
  /** Each rule's requirement, in rule order. */
  readonly requirements: readonly Requirement[];
  /** Indices of rules the mapping does not route (never evaluated). */
  readonly unmapped: readonly number[];
  private readonly routed: readonly RoutedRule[];
  private readonly groups: readonly RouteGroup[];
  private readonly prefilters: readonly Prefilter[];
  private readonly index: RoutingIndex;
  private readonly stamp: Uint32Array;
  private readonly matchedIn: Uint32Array;
  private epoch = 0;
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
    this.prefilters = this.groups.map(
      (group) => new Prefilter(group.rules, this.requirements, group.variant.fields),
    );
    this.index = new RoutingIndex(this.groups);
    this.stamp = new Uint32Array(rules.length);
    this.matchedIn = new Uint32Array(rules.length);
  }

  /** Figures about the compiled set. */
  stats(): RuleSetStats {
    const always = new Set(this.prefilters.flatMap((p) => p.always));
    return {
      rules: this.rules.length,
      groups: this.groups.length,
      unmapped: this.unmapped.length,
      alwaysCandidates: always.size,
      automata: this.prefilters.reduce((sum, p) => sum + p.fieldCount, 0),
    };
  }

  /**
   * Indices of the rules that match `event`, ascending, evaluating only the
   * prefilter's candidates. With `profile`, times each full evaluation.
   */
  match(event: LogEvent, profile?: RuleProfile): number[] {
    const matched: number[] = [];
    this.eventNumber = this.eventNumber === 0xffffffff ? 1 : this.eventNumber + 1;
    for (const groupIndex of this.index.route(event)) {
      const group = this.groups[groupIndex] as RouteGroup;
      const prefilter = this.prefilters[groupIndex] as Prefilter;
      const candidates = this.candidates(prefilter, event);
      for (const rule of candidates) {
        if (this.matchedIn[rule] === this.eventNumber) continue;
        if (this.evaluate(rule, event, group, profile)) {
          matched.push(rule);
          this.matchedIn[rule] = this.eventNumber;
        }
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

  /**
   * The group's candidates for `event`, each once (marked with the current
   * epoch in `stamp`). `match` skips those already matched through another
   * group of the same event (`matchedIn`).
   */
  private candidates(prefilter: Prefilter, event: LogEvent): number[] {
    this.epoch = this.epoch === 0xffffffff ? 1 : this.epoch + 1;
    const epoch = this.epoch;
    const list: number[] = [];
    const select = (rule: number): void => {
      if (this.stamp[rule] !== epoch) {
        this.stamp[rule] = epoch;
        list.push(rule);
      }
    };
    for (const rule of prefilter.always) select(rule);
    prefilter.selectIndexed(event, select);
    return list;
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
