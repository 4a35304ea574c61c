/**
 * Events generated from any compiled rule (a `FuzzTarget`): satisfying
 * events (the rule should match) and near misses (one detection item
 * changed just enough to fail, so the rule should not match).
 *
 * Generation plans which items must hold or fail (`condition-plan.ts`),
 * builds field values for the items that must hold (`value-pieces.ts`),
 * leaves out the fields of items that must fail, and keeps an event only
 * when the reference evaluator (`reference.ts`) agrees it is what it
 * claims to be. Random choices come from a seeded `Random`, so a seed
 * always gives the same events. When no attempt succeeds, the result says
 * why; the generator never returns an event it could not confirm.
 *
 * Logsources: events are flat objects with the rule's own field names,
 * evaluated by the engine without a logsource mapping. Keyword values go
 * in the field `KEYWORD_FIELD`.
 */

import type { JsonValue, LogEvent } from '../events/event.js';
import type { PlaceholderValues } from '../engine/placeholders.js';
import type { DetectionItem } from '../rule/model.js';
import type { ItemWant } from './condition-plan.js';
import { planCondition } from './condition-plan.js';
import type { FuzzTarget } from './fuzz-target.js';
import type { Piece } from './value-pieces.js';
import { itemPieces } from './value-pieces.js';
import type { Random } from './random.js';
import type { ReferenceRule } from './reference.js';
import { buildReference } from './reference.js';

/** The field that carries keyword values in generated events. */
export const KEYWORD_FIELD = 'Keywords';

/** Attempts before generation gives up on a rule. */
export const ATTEMPTS = 40;

/** Satisfying events a near miss may start from before giving up. */
const NEAR_MISS_BASES = 3;

/** One generated event and what it is meant to be. */
export interface GeneratedEvent {
  readonly kind: 'match' | 'near-miss';
  readonly event: LogEvent;
  /** For near misses: the field changed (null for keywords). */
  readonly changed?: string | null;
}

/** A generated event, or why none could be made. */
export type Generation =
  | { readonly ok: true; readonly generated: GeneratedEvent }
  | { readonly ok: false; readonly reason: string };

/** Makes events for one rule. */
export interface EventGenerator {
  /** The placeholder values the events assume (`expand`). */
  readonly placeholders: PlaceholderValues;
  /** An event the rule should match. */
  satisfying(random: Random): Generation;
  /** An event one item away from a satisfying one, which should not match. */
  nearMiss(random: Random): Generation;
}

/** A generator, or why the rule cannot have one. */
export type GeneratorBuild =
  | { readonly ok: true; readonly generator: EventGenerator }
  | { readonly ok: false; readonly reason: string };

interface Satisfied {
  readonly event: LogEvent;
  readonly wants: readonly ItemWant[];
}

/** Builds the event generator of a compiled rule. */
export function createEventGenerator(target: FuzzTarget): GeneratorBuild {
  const { rule, placeholders } = target;
  const built = buildReference(rule, placeholders);
  if (!built.ok) return built;
  const reference = built.rule;
  const satisfy = (
    random: Random,
    tight: boolean,
  ): Satisfied | { readonly reason: string } => {
    let reason = 'no generated event satisfied the condition';
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const condition = random.pick(reference.conditions);
      const wants = planCondition(
        rule,
        condition,
        true,
        random,
        tight && attempt % 2 === 0,
      );
      if (wants === undefined) return { reason: 'the condition cannot hold' };
      const built = buildEvent(wants, placeholders, reference, random);
      if (!built.ok) reason = built.reason;
      else if (reference.matches(built.event)) return { event: built.event, wants };
    }
    return { reason: `${reason} (${ATTEMPTS} attempts)` };
  };
  const generator: EventGenerator = {
    placeholders,
    satisfying(random) {
      const found = satisfy(random, false);
      if ('reason' in found) return { ok: false, reason: found.reason };
      return { ok: true, generated: { kind: 'match', event: found.event } };
    },
    nearMiss(random) {
      let last: Generation = { ok: false, reason: 'no near miss' };
      for (let i = 0; i < NEAR_MISS_BASES && !last.ok; i++) {
        const found = satisfy(random, true);
        if ('reason' in found) return { ok: false, reason: found.reason };
        last = nearMissOf(found, reference, placeholders, random);
      }
      return last;
    },
  };
  return { ok: true, generator };
}

function buildEvent(
  wants: readonly ItemWant[],
  placeholders: PlaceholderValues,
  reference: ReferenceRule,
  random: Random,
): { ok: true; event: LogEvent } | { ok: false; reason: string } {
  const byField = new Map<string, Piece[]>();
  for (const want of wants) {
    if (want.holds === want.item.modifiers.includes('neq')) continue;
    const result = itemPieces(want.item, placeholders, random);
    if (!result.ok) return result;
    const field = fieldOf(want.item);
    byField.set(field, [...(byField.get(field) ?? []), ...result.pieces]);
  }
  const event: LogEvent = {};
  const refs: [string, Piece[]][] = [];
  for (const [field, pieces] of byField) {
    if (pieces.some((p) => p.kind === 'fieldref')) refs.push([field, pieces]);
    else if (!assign(event, field, pieces, random)) return CONFLICT;
  }
  for (const [field, pieces] of refs) {
    const resolved = pieces.map((p) => resolveRef(p, event, random));
    if (!assign(event, field, resolved, random)) return CONFLICT;
  }
  fixFailing(wants, event, reference, random);
  return { ok: true, event };
}

const CONFLICT = { ok: false, reason: 'conflicting values for one field' } as const;

function fieldOf(item: DetectionItem): string {
  return item.field ?? KEYWORD_FIELD;
}

/** Puts a value satisfying all `pieces` in `event[field]`; false on conflict. */
function assign(
  event: LogEvent,
  field: string,
  pieces: Piece[],
  random: Random,
): boolean {
  const absent = pieces.some((p) => p.kind === 'absent');
  const others = pieces.filter((p) => p.kind !== 'absent' && p.kind !== 'present');
  if (absent) return others.length === 0 && pieces.every((p) => p.kind === 'absent');
  if (others.length === 0) {
    event[field] = random.word();
    return true;
  }
  const json = others.find((p) => p.kind === 'json');
  if (json?.kind === 'json' && others.length === 1) {
    event[field] = json.value;
    return true;
  }
  const texts = others.map((p) => (p.kind === 'text' ? p : textPiece(p)));
  event[field] = joinTexts(texts, random);
  return true;
}

function textPiece(piece: Piece): { text: string; anchor: 'exact' } {
  return { text: piece.kind === 'json' ? String(piece.value) : '', anchor: 'exact' };
}

/**
 * One string holding every text piece: an exact piece as it is, else the
 * start piece, the floating ones and the end piece, with random text
 * between. When the pieces cannot share one string, an array of them.
 */
function joinTexts(
  pieces: readonly { text: string; anchor: string }[],
  random: Random,
): JsonValue {
  const exact = pieces.filter((p) => p.anchor === 'exact');
  const starts = pieces.filter((p) => p.anchor === 'start');
  const ends = pieces.filter((p) => p.anchor === 'end');
  const floats = pieces.filter((p) => p.anchor === 'float');
  if (exact.length > 1 || starts.length > 1 || ends.length > 1) {
    return pieces.map((p) => p.text);
  }
  if (exact.length === 1) {
    return pieces.length === 1 ? (exact[0]?.text ?? '') : pieces.map((p) => p.text);
  }
  const filler = (): string => random.pick(['', random.word(), ` ${random.word()}`]);
  const middle = floats.map((p) => filler() + p.text).join('') + filler();
  return (starts[0]?.text ?? '') + middle + (ends[0]?.text ?? '');
}

function resolveRef(piece: Piece, event: LogEvent, random: Random): Piece {
  if (piece.kind !== 'fieldref') return piece;
  const current = event[piece.field];
  const text = typeof current === 'string' ? current : random.word();
  if (typeof current !== 'string') event[piece.field] = text;
  return { kind: 'text', text, anchor: piece.anchor };
}

/** Gives a value to the fields of items that must fail but hold when absent. */
function fixFailing(
  wants: readonly ItemWant[],
  event: LogEvent,
  reference: ReferenceRule,
  random: Random,
): void {
  for (const want of wants) {
    const field = fieldOf(want.item);
    if (want.holds || event[field] !== undefined) continue;
    if (reference.item(want.item, event)) event[field] = random.word();
  }
}

function nearMissOf(
  found: Satisfied,
  reference: ReferenceRule,
  placeholders: PlaceholderValues,
  random: Random,
): Generation {
  for (const want of random.shuffled(found.wants)) {
    const field = fieldOf(want.item);
    const candidates = want.holds
      ? breakings(found.event, field, random)
      : makings(want.item, found.event, placeholders, random);
    for (const event of candidates) {
      if (reference.item(want.item, event) === want.holds) continue;
      if (reference.matches(event)) continue;
      const changed = want.item.field;
      return { ok: true, generated: { kind: 'near-miss', event, changed } };
    }
  }
  return { ok: false, reason: 'no single item change makes the rule reject the event' };
}

const MUTATIONS = 12;

/** Events with one field changed a little, then more, then removed. */
function breakings(event: LogEvent, field: string, random: Random): LogEvent[] {
  const value = event[field];
  const out: LogEvent[] = [];
  if (typeof value === 'string' && value.length > 0) {
    for (let i = 0; i < MUTATIONS; i++) {
      out.push({ ...event, [field]: mutateChar(value, random) });
    }
  }
  const without = { ...event };
  delete without[field];
  out.push(without, { ...event, [field]: random.word() }, { ...event, [field]: null });
  return out;
}

function mutateChar(text: string, random: Random): string {
  const at = random.int(text.length);
  const old = text[at] as string;
  const pool = /[0-9]/.test(old) ? 'abcdefghjk' : 'qz0123456789_';
  return text.slice(0, at) + random.pick([...pool]) + text.slice(at + 1);
}

/** Events where one failing item is made to hold. */
function makings(
  item: DetectionItem,
  event: LogEvent,
  placeholders: PlaceholderValues,
  random: Random,
): LogEvent[] {
  const field = fieldOf(item);
  if (item.modifiers.includes('neq')) {
    const without = { ...event };
    delete without[field];
    return [without];
  }
  const out: LogEvent[] = [];
  for (let i = 0; i < 3; i++) {
    const result = itemPieces(item, placeholders, random);
    if (!result.ok) return out;
    const copy = { ...event };
    delete copy[field];
    if (assign(copy, field, result.pieces, random)) out.push(copy);
  }
  return out;
}
