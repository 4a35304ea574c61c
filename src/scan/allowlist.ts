/**
 * Allowlists for `scan`: known, reviewed hits of a rule on a benign corpus.
 *
 * An allowlist file (YAML) is a list of entries:
 *
 * ```yaml
 * - rule: 5f0ce5a4-2b4c-4a8e-9c2e-bd8c3b2f6f0a   # the rule id
 *   reason: the backup agent runs certutil to check its own signature
 *   expires: 2027-06-30                          # optional, YYYY-MM-DD
 *   detection:                                   # a Sigma detection section
 *     agent:
 *       ParentImage|endswith: '\backup-agent.exe'
 *     condition: agent
 * ```
 *
 * `detection` is read and compiled exactly as a rule's detection (same
 * modifiers, same semantics, same `--matcher` strategy), and evaluated on
 * the event as read, without logsource renames. An entry covers a hit of
 * its rule when its detection matches the event. After a scan, an entry
 * that covered nothing, or whose `expires` date is before the day of the
 * run, is a failure reported at the entry's location (`SH703`, `SH702`), and
 * so is one naming a rule id the scan did not load (`SH704`).
 * Malformed entries are `SH701`.
 */

import { readFile } from 'node:fs/promises';
import type { Diagnostic, SourceLocation } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { CompiledDetection } from '../engine/compile-detection.js';
import { compileDetection } from '../engine/compile-detection.js';
import { defaultFieldReader } from '../engine/fields.js';
import type { LogEvent } from '../events/event.js';
import type { StrategyChoice } from '../matchers/index.js';
import { buildDetection } from '../rule/detection.js';
import { valueOf } from '../rule/yaml-access.js';
import type { SourceText } from '../rule/source-text.js';
import type { YamlMap, YamlNode } from '../rule/yaml11.js';
import { parseYamlDocuments } from '../rule/yaml11.js';

/** One allowlist entry, compiled. */
export interface AllowlistEntry {
  readonly rule: string;
  readonly reason: string;
  /** `YYYY-MM-DD`, when the entry has an expiry date. */
  readonly expires?: string;
  readonly location: SourceLocation;
  readonly detection: CompiledDetection;
}

/** A loaded allowlist. */
export interface Allowlist {
  readonly file: string;
  readonly entries: readonly AllowlistEntry[];
}

/** The result of loading an allowlist file. */
export type AllowlistLoad =
  | { readonly ok: true; readonly allowlist: Allowlist }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads and compiles the allowlist at `file`, with `matcher` (`auto` when absent). */
export async function loadAllowlist(
  file: string,
  matcher?: StrategyChoice,
): Promise<AllowlistLoad> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const message = `cannot read allowlist: ${(error as Error).message}`;
    return {
      ok: false,
      diagnostics: [diagnostic(start(file), 'SH701', 'error', message)],
    };
  }
  return parseAllowlist(text, file, matcher);
}

/** Parses and compiles allowlist text read from `file`, with `matcher`. */
export function parseAllowlist(
  text: string,
  file: string,
  matcher: StrategyChoice = 'auto',
): AllowlistLoad {
  const parsed = parseYamlDocuments(text, file);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const root = parsed.documents[0]?.root;
  const entries: AllowlistEntry[] = [];
  if (root === undefined || root.kind !== 'seq') {
    const at = root?.location ?? start(file);
    diagnostics.push(
      diagnostic(at, 'SH701', 'error', 'an allowlist is a list of entries'),
    );
  } else {
    for (const node of root.items) {
      const entry = readEntry(node, parsed.source, matcher, diagnostics);
      if (entry !== undefined) entries.push(entry);
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics };
  return { ok: true, allowlist: { file, entries } };
}

function readEntry(
  node: YamlNode,
  source: SourceText,
  matcher: StrategyChoice,
  diagnostics: Diagnostic[],
): AllowlistEntry | undefined {
  const fail = (at: SourceLocation, message: string): undefined => {
    diagnostics.push(source.diagnostic(at, 'SH701', 'error', message));
    return undefined;
  };
  if (node.kind !== 'map') return fail(node.location, 'an entry is a map');
  const rule = text(valueOf(node, 'rule'));
  const reason = text(valueOf(node, 'reason'));
  const expires = text(valueOf(node, 'expires'));
  const section = valueOf(node, 'detection');
  if (rule === undefined) return fail(node.location, `an entry needs 'rule' (a rule id)`);
  if (reason === undefined || reason.trim() === '') {
    return fail(node.location, `an entry needs a 'reason'`);
  }
  if (expires !== undefined && !DATE.test(expires)) {
    return fail(node.location, `'expires' must be a date written YYYY-MM-DD`);
  }
  if (section?.kind !== 'map') {
    return fail(node.location, `an entry needs 'detection' (a Sigma detection map)`);
  }
  const detection = compileEntryDetection(section, source, matcher, diagnostics);
  if (detection === undefined) return undefined;
  const entry = { rule, reason, location: node.location, detection };
  return expires === undefined ? entry : { ...entry, expires };
}

function compileEntryDetection(
  section: YamlMap,
  source: SourceText,
  matcher: StrategyChoice,
  diagnostics: Diagnostic[],
): CompiledDetection | undefined {
  const built = buildDetection(section, source);
  diagnostics.push(...built.diagnostics);
  const options = { placeholders: {}, matcher, keyword: false } as const;
  const compiled = compileDetection(built.detection, options);
  diagnostics.push(...compiled.diagnostics);
  return compiled.ok ? compiled.detection : undefined;
}

function text(node: YamlNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? node.text : undefined;
}

function start(file: string): SourceLocation {
  return { file, line: 1, column: 1 };
}

/** The index of the first entry of `ruleId` whose detection matches `event`. */
export function coveringEntry(
  allowlist: Allowlist,
  ruleId: string | undefined,
  event: LogEvent,
): number | undefined {
  if (ruleId === undefined) return undefined;
  const index = allowlist.entries.findIndex(
    (entry) => entry.rule === ruleId && entry.detection.test(event, defaultFieldReader),
  );
  return index === -1 ? undefined : index;
}

/**
 * The failures of an allowlist after a run: entries expired before `today`
 * (`YYYY-MM-DD`), entries naming a rule id not in `scannedRules`, and
 * entries of scanned rules that covered nothing (`uses[i]` is 0).
 */
export function allowlistFailures(
  allowlist: Allowlist,
  uses: readonly number[],
  today: string,
  scannedRules: ReadonlySet<string>,
): Diagnostic[] {
  const failures: Diagnostic[] = [];
  allowlist.entries.forEach((entry, index) => {
    const where = `allowlist entry for rule ${entry.rule}`;
    if (entry.expires !== undefined && entry.expires < today) {
      const message = `${where} expired on ${entry.expires}`;
      failures.push(diagnostic(entry.location, 'SH702', 'error', message));
    }
    if (!scannedRules.has(entry.rule)) {
      const message = `${where}: no rule with that id was scanned`;
      failures.push(diagnostic(entry.location, 'SH704', 'error', message));
    } else if ((uses[index] ?? 0) === 0) {
      const message = `${where} matched no hit in this run`;
      failures.push(diagnostic(entry.location, 'SH703', 'error', message));
    }
  });
  return failures;
}
