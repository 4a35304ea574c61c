/**
 * The base event of hostname fuzzing: an event that satisfies a rule's
 * other detection items (`Initiated: 'true'`, an image, ...) so that the
 * hostname alone decides the verdict. It is a generated satisfying event
 * on which the rule no longer matches once its hostname fields hold a name
 * outside every zone (`example.invalid`); when no such event is found in a
 * few tries, the base event is empty.
 */

import type { LogEvent } from '../events/event.js';
import type { CompiledRule } from '../engine/types.js';
import type { EventGenerator } from './event-generator.js';
import { Random } from './random.js';

const TRIES = 10;
const OUTSIDE = 'example.invalid';

/** A base event for `rule`, whose hostname is read from `fields`. */
export function baseEventFor(
  rule: CompiledRule,
  generator: EventGenerator | undefined,
  fields: readonly string[],
  seed: number,
): LogEvent {
  if (generator === undefined) return {};
  const random = new Random(seed);
  for (let i = 0; i < TRIES; i++) {
    const made = generator.satisfying(random);
    if (!made.ok) return {};
    const event: LogEvent = { ...made.generated.event };
    for (const field of fields) event[field] = OUTSIDE;
    if (!rule.matches(event)) {
      for (const field of fields) delete event[field];
      return event;
    }
  }
  return {};
}
