/**
 * What `scan` prints: the JSON document (`--json`) and the text report with
 * the per-rule hit table.
 */

import { Chalk } from 'chalk';
import type { Diagnostic } from '../../diagnostics.js';
import { diagnosticJson, formatDiagnostic } from '../../diagnostics.js';
import type { BaselineDiff } from '../../harness/baseline.js';
import { baselineLines } from '../../reporters/pretty.js';
import type { PreparedScan } from '../../ruleset/scan-setup.js';
import type { RuleHits, ScanSummary } from '../../ruleset/scan-summary.js';

/** The text report is plain: a progress bar is its only colour. */
const PLAIN = new Chalk({ level: 0 });

/** Everything a scan report shows. */
export interface ScanView {
  readonly summary: ScanSummary;
  /** Wall-clock seconds of the scan (reading, matching, verifying). */
  readonly seconds: number;
  readonly workers: number;
  readonly prepared: PreparedScan;
  /** Allowlist entries unused or expired. */
  readonly failures: readonly Diagnostic[];
  readonly verify: boolean;
  /** The comparison with `--baseline`, when given. */
  readonly baseline?: BaselineDiff | undefined;
}

/** The `--json` document, one line. */
export function scanJson(view: ScanView): string {
  const { summary } = view;
  const profiled = summary.rules.some((r) => r.nsPerEvaluation !== undefined);
  const rules = summary.rules.map((r) => ({
    id: r.id ?? null,
    title: r.title,
    hits: r.hits,
    ...(r.allowlisted > 0 ? { allowlisted: r.allowlisted } : {}),
    ...(profiled ? { evaluations: r.evaluations, ns_per_event: r.nsPerEvaluation } : {}),
  }));
  const document = {
    summary: {
      rules: summary.rules.length,
      events: summary.events,
      hits: summary.hits,
      events_per_second: Math.round(summary.events / Math.max(view.seconds, 1e-9)),
      ...details(view),
      ...(view.verify ? { verify: verifyFigures(view) } : {}),
    },
    rules,
    failed_rules: view.prepared.ruleSet.failed.map((f) => ({
      file: f.rule.file,
      id: f.rule.id ?? null,
      title: f.rule.title,
      errors: f.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    })),
    unmapped_rules: unmappedRules(view).map((r) => ({
      id: r.id ?? null,
      title: r.title,
    })),
    allowlist_failures: view.failures.map(diagnosticJson),
    read_errors: summary.readErrors,
    ...(view.baseline === undefined ? {} : { baseline: view.baseline }),
  };
  return `${JSON.stringify(document)}\n`;
}

function details(view: ScanView): Record<string, number> {
  const { summary, prepared } = view;
  return {
    files: summary.files,
    workers: view.workers,
    seconds: round(view.seconds),
    allowlisted: summary.allowlisted,
    failed_rules: prepared.ruleSet.failed.length,
    unmapped_rules: prepared.compiled.unmapped.length,
    read_errors: summary.readErrorCount,
    peak_memory_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/**
 * The `verify` figures: differences, and the time each path took on the
 * same events in the same run (reading and parsing counted in both).
 */
function verifyFigures(view: ScanView): Record<string, number> {
  const { read, match, reference } = view.summary.seconds;
  const events = view.summary.events;
  const fast = events / Math.max(read + match, 1e-9);
  const slow = events / Math.max(read + reference, 1e-9);
  return {
    differences: view.summary.differences,
    read_seconds: round(read),
    match_seconds: round(match),
    reference_seconds: round(reference),
    fast_events_per_second: Math.round(fast),
    reference_events_per_second: Math.round(slow),
    speedup: round(fast / Math.max(slow, 1e-9)),
  };
}

/** The text report: hit table, failures, and a summary line. */
export function scanText(view: ScanView): string {
  const { summary } = view;
  const lines: string[] = [];
  const hit = summary.rules.filter((r) => r.hits > 0 || r.allowlisted > 0);
  if (hit.length > 0) lines.push(...hitTable(hit), '');
  for (const rule of hit.filter((r) => r.hits > 0)) {
    for (const sample of rule.samples) lines.push(`  ${rule.title}: ${sample}`);
  }
  for (const failure of view.failures) lines.push(formatDiagnostic(failure));
  for (const failed of view.prepared.ruleSet.failed) {
    const why = failed.diagnostics.find((d) => d.severity === 'error');
    lines.push(`not evaluated: ${failed.rule.file}${why ? `: ${why.message}` : ''}`);
  }
  const unmapped = unmappedRules(view).length;
  if (unmapped > 0) lines.push(`${unmapped} rules have a logsource the mapping lacks`);
  for (const error of summary.readErrors) {
    lines.push(`${error.file}:${error.line}:${error.column} ${error.message}`);
  }
  lines.push(...profileTable(summary.rules));
  if (view.baseline !== undefined) lines.push(...baselineLines(view.baseline, PLAIN), '');
  lines.push(summaryLine(view));
  if (view.verify) lines.push(verifyLine(view));
  return `${lines.join('\n')}\n`;
}

/** Rules listed by `--profile` in the text report, the costliest first. */
const PROFILE_ROWS = 20;

/**
 * With `--profile`, the rules that cost the most time in full evaluations
 * (evaluations times ns per evaluation), so expensive rules are visible;
 * empty otherwise. `--json` has the figures of every rule.
 */
function profileTable(rules: readonly RuleHits[]): string[] {
  const timed = rules.flatMap((r) =>
    r.evaluations !== undefined && r.nsPerEvaluation !== undefined && r.evaluations > 0
      ? [{ rule: r, ms: (r.evaluations * r.nsPerEvaluation) / 1e6 }]
      : [],
  );
  if (timed.length === 0) return [];
  timed.sort((a, b) => b.ms - a.ms || a.rule.title.localeCompare(b.rule.title));
  const header =
    `${'ms'.padStart(9)} ${'evaluated'.padStart(10)} ${'ns/eval'.padStart(9)}  ` +
    `rule (the ${Math.min(PROFILE_ROWS, timed.length)} costliest of ${timed.length})`;
  const rows = timed
    .slice(0, PROFILE_ROWS)
    .map(
      ({ rule, ms }) =>
        `${ms.toFixed(1).padStart(9)} ${String(rule.evaluations).padStart(10)} ` +
        `${String(rule.nsPerEvaluation).padStart(9)}  ${rule.title} (${rule.id ?? rule.file})`,
    );
  return [header, ...rows, ''];
}

function hitTable(rules: readonly RuleHits[]): string[] {
  const sorted = [...rules].sort(
    (a, b) => b.hits - a.hits || a.title.localeCompare(b.title),
  );
  const header = `${'hits'.padStart(8)} ${'allowed'.padStart(8)}  rule`;
  return [
    header,
    ...sorted.map(
      (r) =>
        `${String(r.hits).padStart(8)} ${String(r.allowlisted).padStart(8)}  ` +
        `${r.title} (${r.id ?? r.file})`,
    ),
  ];
}

function summaryLine(view: ScanView): string {
  const { summary } = view;
  const rate = Math.round(summary.events / Math.max(view.seconds, 1e-9));
  return (
    `${summary.rules.length} rules, ${summary.files} files, ${summary.events} events, ` +
    `${summary.hits} hits (${summary.allowlisted} allowlisted), ` +
    `${round(view.seconds)} s, ${rate} events/s, ${view.workers} workers`
  );
}

function verifyLine(view: ScanView): string {
  const figures = verifyFigures(view);
  return (
    `verify: ${figures.differences} differences; fast path ` +
    `${figures.fast_events_per_second} events/s, reference ` +
    `${figures.reference_events_per_second} events/s (x${figures.speedup})`
  );
}

function unmappedRules(view: ScanView): RuleHits[] {
  return view.prepared.compiled.unmapped.flatMap((i) => view.summary.rules[i] ?? []);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
