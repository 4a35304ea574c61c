/**
 * Evaluating a compiled detection item on events: the fast `test` path and
 * the `explain` path, which share the same comparisons.
 */

import type { JsonValue, LogEvent } from '../events/event.js';
import type { Matcher, Pattern, StrategyChoice } from '../matchers/index.js';
import { compileMatcher } from '../matchers/index.js';
import type { DetectionItem } from '../rule/model.js';
import type { CompiledItem, ItemPlan } from './compile-item.js';
import { comparableString, fieldValues } from './fields.js';
import type { FieldReader, ItemExplanation, ItemReason } from './types.js';
import { runValueTest } from './value-test.js';

const SHOWN_LENGTH = 120;

/** A detection item ready to run. */
export class ItemEvaluator implements CompiledItem {
  private readonly matcher: Matcher | undefined;
  /**
   * For an `all` item made only of patterns, one matcher per written value,
   * so that a single string stops at the first value it lacks instead of
   * collecting every pattern it holds.
   */
  private readonly valueMatchers: readonly Matcher[] | undefined;
  private readonly absentMatches: boolean;
  private caseBlindMatcher: Matcher | undefined;

  constructor(
    private readonly item: DetectionItem,
    private readonly plan: ItemPlan,
    private readonly strategy: StrategyChoice,
  ) {
    this.matcher =
      plan.patterns.length > 0 ? compileMatcher(plan.patterns, strategy) : undefined;
    this.valueMatchers = perValueMatchers(plan, strategy);
    const nullValues = new Set(
      plan.tests.filter((t) => t.test.type === 'null').map((t) => t.value),
    );
    this.absentMatches = plan.flags.all
      ? nullValues.size === plan.valueCount
      : nullValues.size > 0;
  }

  test(event: LogEvent, reader: FieldReader): boolean {
    return this.plan.flags.negated !== this.evaluate(event, reader);
  }

  explain(event: LogEvent, reader: FieldReader): ItemExplanation {
    const raw = this.read(event, reader);
    const matchedValues = this.matchedValues(event, reader, raw);
    const inner = this.plan.flags.all
      ? matchedValues.size === this.plan.valueCount
      : matchedValues.size > 0;
    const matched = this.plan.flags.negated !== inner;
    const base = {
      kind: 'item' as const,
      matched,
      field: this.item.field,
      modifiers: this.item.modifiers,
      reason: matched ? 'matched' : this.reason(inner, raw, matchedValues),
      matchedValues: [...matchedValues].sort((a, b) => a - b),
      location: this.item.location,
    } satisfies ItemExplanation;
    const actual = this.item.field === null ? undefined : show(raw);
    return actual === undefined ? base : { ...base, actual };
  }

  private read(event: LogEvent, reader: FieldReader): JsonValue | undefined {
    if (this.item.field === null) return keywordLeaves(event);
    return reader(event, this.item.field);
  }

  private evaluate(event: LogEvent, reader: FieldReader): boolean {
    const raw = this.read(event, reader);
    if (this.plan.exists !== undefined) return (raw !== undefined) === this.plan.exists;
    if (raw === undefined) return this.absentMatches;
    const onlyPatterns =
      typeof raw === 'string' &&
      this.plan.tests.length === 0 &&
      !this.plan.flags.timePart;
    if (this.plan.flags.all) {
      if (onlyPatterns && this.valueMatchers !== undefined) {
        return this.valueMatchers.every((matcher) => matcher.test(raw));
      }
      return this.matchedValues(event, reader, raw).size === this.plan.valueCount;
    }
    if (onlyPatterns) return this.matcher?.test(raw) ?? false;
    return fieldValues(raw).some((leaf) =>
      this.leafMatches(this.plan.leafOf(leaf), event, reader),
    );
  }

  private leafMatches(leaf: JsonValue, event: LogEvent, reader: FieldReader): boolean {
    const text = comparableString(leaf);
    if (text !== undefined && this.matcher?.test(text)) return true;
    const cased = this.plan.flags.cased;
    return this.plan.tests.some((t) => runValueTest(t.test, leaf, event, reader, cased));
  }

  private matchedValues(
    event: LogEvent,
    reader: FieldReader,
    raw: JsonValue | undefined,
  ): Set<number> {
    const matched = new Set<number>();
    if (this.plan.exists !== undefined) {
      if ((raw !== undefined) === this.plan.exists) matched.add(0);
      return matched;
    }
    if (raw === undefined) {
      for (const t of this.plan.tests) if (t.test.type === 'null') matched.add(t.value);
      return matched;
    }
    const cased = this.plan.flags.cased;
    for (const value of fieldValues(raw)) {
      const leaf = this.plan.leafOf(value);
      const text = comparableString(leaf);
      if (text !== undefined && this.matcher) {
        for (const index of this.matcher.matchingPatterns(text)) {
          matched.add(this.plan.patternValues[index] as number);
        }
      }
      for (const t of this.plan.tests) {
        if (runValueTest(t.test, leaf, event, reader, cased)) matched.add(t.value);
      }
    }
    return matched;
  }

  private reason(
    inner: boolean,
    raw: JsonValue | undefined,
    matched: Set<number>,
  ): ItemReason {
    if (inner) return 'excluded-value';
    if (this.plan.exists !== undefined)
      return raw === undefined ? 'field-absent' : 'field-present';
    if (this.item.field === null) return 'keyword-absent';
    if (raw === undefined) return 'field-absent';
    if (matched.size > 0) return 'some-values-missing';
    if (
      this.plan.flags.timePart &&
      fieldValues(raw).every((v) => this.plan.leafOf(v) === null)
    ) {
      return 'not-a-date';
    }
    const kinds = new Set(this.plan.tests.map((t) => t.test.type));
    if (this.plan.patterns.length === 0 && kinds.size === 1) {
      const only = [...kinds][0];
      if (only === 'null') return 'not-null';
      if (only === 'regex') return 'regex-no-match';
      if (only === 'compare') return 'not-a-number';
      if (only === 'cidr') return 'not-an-address';
    }
    return this.caseDiffers(raw) ? 'case-differs' : 'value-differs';
  }

  private caseDiffers(raw: JsonValue): boolean {
    if (!this.plan.flags.cased || this.plan.patterns.length === 0) return false;
    this.caseBlindMatcher ??= compileMatcher(
      this.plan.patterns.map((pattern) => ({ ...pattern, cased: false })),
      this.strategy,
    );
    const blind = this.caseBlindMatcher;
    return fieldValues(raw).some((leaf) => {
      const text = comparableString(leaf);
      return text !== undefined && blind.test(text);
    });
  }
}

/**
 * One matcher per written value of an `all` item whose values are all
 * patterns (no value tests); undefined for other items.
 */
function perValueMatchers(
  plan: ItemPlan,
  strategy: StrategyChoice,
): Matcher[] | undefined {
  if (!plan.flags.all || plan.tests.length > 0 || plan.patterns.length === 0) {
    return undefined;
  }
  const byValue: Pattern[][] = Array.from({ length: plan.valueCount }, () => []);
  plan.patterns.forEach((pattern, index) => {
    byValue[plan.patternValues[index] as number]?.push(pattern);
  });
  if (byValue.some((patterns) => patterns.length === 0)) return undefined;
  return byValue.map((patterns) => compileMatcher(patterns, strategy));
}

/** Every string and number in an event, for keyword search. */
export function keywordLeaves(event: LogEvent): JsonValue[] {
  const leaves: JsonValue[] = [];
  const visit = (value: JsonValue): void => {
    if (typeof value === 'string' || typeof value === 'number') leaves.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object')
      Object.values(value).forEach(visit);
  };
  visit(event);
  return leaves;
}

function show(value: JsonValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 3)}...` : text;
}
