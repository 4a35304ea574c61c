/**
 * The generation property of one compiled rule: the engine matches every
 * generated satisfying event and rejects every generated near miss. A rule
 * for which events cannot be generated is reported with the reason, never
 * counted as passed.
 */

import type { LogEvent } from '../events/event.js';
import { createEventGenerator } from './event-generator.js';
import type { FuzzTarget } from './fuzz-target.js';
import { Random } from './random.js';

/** The outcome of the property on one rule. */
export type RuleCheck =
  | { readonly status: 'passed'; readonly events: number }
  | { readonly status: 'not-generated'; readonly reason: string }
  | {
      readonly status: 'disagreed';
      /**
       * `missed`: a satisfying event the engine rejects;
       * `over`: a near miss the engine matches.
       */
      readonly kind: 'missed' | 'over';
      readonly event: LogEvent;
      readonly seed: number;
    };

/** How many events of each kind to try, and the seed. */
export interface RuleCheckOptions {
  readonly count: number;
  readonly seed: number;
}

/** Runs the generation property on a compiled rule. */
export function checkRule(target: FuzzTarget, options: RuleCheckOptions): RuleCheck {
  const build = createEventGenerator(target);
  if (!build.ok) return { status: 'not-generated', reason: build.reason };
  const { generator } = build;
  const random = new Random(options.seed);
  for (let i = 0; i < options.count; i++) {
    for (const kind of ['missed', 'over'] as const) {
      const made =
        kind === 'missed' ? generator.satisfying(random) : generator.nearMiss(random);
      if (!made.ok) return { status: 'not-generated', reason: made.reason };
      const matched = target.compiled.matches(made.generated.event);
      if (matched !== (kind === 'missed')) {
        return {
          status: 'disagreed',
          kind,
          event: made.generated.event,
          seed: options.seed,
        };
      }
    }
  }
  return { status: 'passed', events: options.count * 2 };
}
