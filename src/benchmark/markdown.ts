/**
 * The Markdown form of a benchmark report: header (command, machine),
 * goals, the match table (median, min and max ns/event, events/s, ratios,
 * build and first-call times, heap), the end-to-end table, and the charts.
 */

import type { BenchReport } from './report.js';
import type { MatchRow } from './run-match.js';

/** A number with `digits` decimals, or a dash for a missing figure. */
function num(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '-'
    : value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
}

/** A Markdown table. */
function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)];
}

/** The agreement cell of a match row. */
function agreement(row: MatchRow): string {
  if (row.agrees === null) return 'baseline';
  return row.agrees ? `yes (${row.agreement_events})` : '**NO: not timed**';
}

/** The goal outcome as a word. */
function outcome(met: boolean | null): string {
  if (met === null) return 'not measured';
  return met ? 'met' : '**missed**';
}

/** Renders `report` as Markdown; `charts` are file names relative to the file. */
export function renderMarkdown(report: BenchReport, charts: readonly string[] = []) {
  const { machine, settings } = report;
  const lines = [
    '# sigma-harness benchmark report',
    '',
    `Command: \`${report.command}\``,
    '',
    `Date: ${report.date}. Node ${machine.node}, V8 ${machine.v8}, ${machine.platform}; ` +
      `${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GB memory.`,
    '',
    `Match benchmark: ${settings.events} hostnames per cell, hit rate ${settings.hit_rate}, ` +
      `mixed case ${settings.mixed_case}, seed ${settings.seed}, ${settings.passes} passes ` +
      '(median, min, max); each cell in its own worker. Checksum ' +
      `${report.checksum.toString(16)}.`,
    '',
    '## Goals',
    '',
    ...table(
      ['goal', 'outcome', 'measured'],
      report.goals.map((g) => [g.goal, outcome(g.met), g.measured]),
    ),
    '',
    '## Match cost per event',
    '',
    ...table(
      [
        'contender',
        'patterns',
        'ns/event',
        'min',
        'max',
        'events/s',
        'x charCodeAt',
        'x touch',
        'x naive',
        'build ms',
        'first call us',
        'heap MB',
        'events timed',
        'agrees (events)',
      ],
      report.results.map((r) => [
        r.strategy,
        String(r.patterns),
        num(r.ns_per_event),
        num(r.ns_min),
        num(r.ns_max),
        num(r.events_per_second, 0),
        num(r.ratio_to_floor, 2),
        num(r.ratio_to_touch, 1),
        num(r.ratio_to_naive, 3),
        num(r.build_ms),
        num(r.first_call_us),
        num(r.heap_mb, 0),
        String(r.events_timed),
        agreement(r),
      ]),
    ),
  ];
  if (report.skipped.length > 0) {
    lines.push('', 'Skipped:', '');
    for (const s of report.skipped) {
      lines.push(`- ${s.strategy} x ${s.patterns}: ${s.reason}`);
    }
  }
  if (report.end_to_end.length > 0) {
    lines.push(
      '',
      '## End to end: the seed rule over NDJSON',
      '',
      ...table(
        [
          'events',
          'path',
          'MB',
          'events/s',
          'total s',
          'read s',
          'parse s',
          'match s',
          'parsed',
          'hits',
          'peak RSS MB',
          'speedup',
          'same verdicts',
        ],
        report.end_to_end.map((r) => [
          String(r.events),
          r.declined === undefined ? r.path : `${r.path} (declined: ${r.declined})`,
          num(r.bytes / 2 ** 20, 0),
          num(r.events_per_second, 0),
          num(r.seconds.total, 2),
          num(r.seconds.read, 2),
          num(r.seconds.parse, 2),
          num(r.seconds.match, 2),
          String(r.parsed),
          String(r.hits),
          num(r.max_rss_mb, 0),
          `${num(r.speedup, 2)}x`,
          r.agrees ? 'yes' : '**NO**',
        ]),
      ),
    );
  }
  if (charts.length > 0)
    lines.push('', '## Charts', '', ...charts.map((c) => `![${c}](${c})`));
  return `${lines.join('\n')}\n`;
}
