/**
 * Running one fixture case: read its events, ask the rule about each, count
 * the matches, check the count against the expectation, and keep the
 * explanation of the events whose verdict was wrong. An event file that
 * cannot be read is reported at the case; input that is not an event, at
 * its line and column in the event file.
 */

import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { Explanation } from '../engine/types.js';
import type { LogEvent } from '../events/event.js';
import { readEvents } from '../events/read.js';
import { flattenWindowsEvent, isWindowsXmlEvent } from '../events/windows.js';
import type { SigmaRule } from '../rule/model.js';
import type { RuleEvaluator } from './evaluate.js';
import type { FixtureCase } from './fixture.js';
import { describeExpectation, expectationHolds } from './fixture.js';
import { eventFingerprint } from './fingerprint.js';
import type { CaseResult, EventFailure, MatchedEvent } from './results.js';
import { blameLocation } from './rule-items.js';

/** Wrong verdicts kept per case, so a big event file cannot flood a report. */
export const MAX_FAILURES_SHOWN = 5;

/** A case's result, and the explanations of its events for coverage (tp only). */
export interface CaseRun {
  readonly result: CaseResult;
  readonly explanations: readonly Explanation[];
}

interface Seen {
  readonly event: LogEvent;
  readonly index: number;
  readonly file?: string;
  readonly line?: number;
}

/** Runs `fixtureCase` against `evaluator` (built for `rule`). */
export async function runCase(
  rule: SigmaRule,
  evaluator: RuleEvaluator,
  fixtureCase: FixtureCase,
): Promise<CaseRun> {
  const matches: MatchedEvent[] = [];
  const hits: Seen[] = [];
  const misses: Seen[] = [];
  const explanations: Explanation[] = [];
  const diagnostics: Diagnostic[] = [];
  let events = 0;
  for await (const item of caseEvents(fixtureCase, diagnostics)) {
    events += 1;
    const matched = evaluator.matches(item.event);
    if (matched)
      matches.push({ fingerprint: eventFingerprint(item.event), index: item.index });
    const list = matched ? hits : misses;
    if (list.length < MAX_FAILURES_SHOWN) list.push(item);
    if (fixtureCase.polarity === 'tp') {
      const explanation = evaluator.explain(item.event);
      if (explanation !== undefined) explanations.push(explanation);
    }
  }
  if (events === 0 && diagnostics.length === 0) {
    const message = `case '${fixtureCase.name}' has no event: it would test nothing`;
    diagnostics.push(diagnostic(fixtureCase.location, 'SH607', 'error', message));
  }
  const passed = expectationHolds(fixtureCase.expect, matches.length, events);
  const shown = { hits, misses, matched: matches.length };
  const failures = passed ? [] : wrongVerdicts(rule, evaluator, fixtureCase, shown);
  const note =
    passed || failures.length > 0 || diagnostics.length > 0
      ? undefined
      : shortfall(fixtureCase, events);
  const result: CaseResult = {
    name: fixtureCase.name,
    polarity: fixtureCase.polarity,
    status: diagnostics.length > 0 ? 'error' : passed ? 'passed' : 'failed',
    expectation: describeExpectation(fixtureCase.expect),
    events,
    matched: matches.length,
    failures,
    matches,
    diagnostics,
    ...(note === undefined ? {} : { note }),
    location: fixtureCase.location,
  };
  return { result, explanations };
}

/** Why a case failed whose every event matched: too few events. */
function shortfall(fixtureCase: FixtureCase, events: number): string {
  const expect = fixtureCase.expect;
  const wanted = expect.kind === 'range' ? expect.min : events;
  return (
    `all ${events} event(s) matched, fewer than the ${wanted} expected: ` +
    'the case has too few events to reach its count'
  );
}

/** The events to show for a failed case: the misses when too few matched. */
function wrongVerdicts(
  rule: SigmaRule,
  evaluator: RuleEvaluator,
  fixtureCase: FixtureCase,
  seen: { readonly hits: Seen[]; readonly misses: Seen[]; readonly matched: number },
): EventFailure[] {
  const expect = fixtureCase.expect;
  const tooFew =
    expect.kind === 'all' || (expect.kind === 'range' && seen.matched < expect.min);
  const shown = tooFew ? seen.misses : seen.hits;
  const expected = tooFew ? 'match' : 'no-match';
  return shown.map((one) => {
    const explanation = evaluator.explain(one.event);
    const base = {
      index: one.index,
      expected,
      explanation: explanation ?? (evaluator.unmapped === true ? 'unmapped' : 'excluded'),
      ...(one.file === undefined ? {} : { file: one.file, line: one.line }),
    } as const;
    if (explanation === undefined) return base;
    return { ...base, blame: blameLocation(rule, explanation, expected) };
  });
}

async function* caseEvents(
  fixtureCase: FixtureCase,
  diagnostics: Diagnostic[],
): AsyncGenerator<Seen> {
  const source = fixtureCase.source;
  if (source.kind === 'inline') {
    for (const [index, event] of source.events.entries()) {
      yield {
        event: isWindowsXmlEvent(event) ? flattenWindowsEvent(event) : event,
        index,
      };
    }
    return;
  }
  let index = 0;
  for await (const item of readEvents(source.path)) {
    if (item.kind === 'error') {
      const message = `event file: ${item.message}`;
      const at = item.reason === 'unreadable' ? fixtureCase.location : item;
      diagnostics.push(diagnostic(at, 'SH606', 'error', message));
      continue;
    }
    yield { event: item.event, index, file: item.file, line: item.line };
    index += 1;
  }
}
