/**
 * The `json` reporter: one versioned document,
 * `{"version", "summary", "results", "problems", "baseline"?}`. `summary`
 * holds `rules`, `fixtures` (cases run), `passed`, `failed`, `missing`,
 * `untested`, and also `errors`, `events` and `minTestsFailed` (rules).
 * Every rule is listed, untested ones included. The format is described in
 * `docs/fixtures.md`; `version` changes when a field changes meaning or goes
 * away, not when one is added.
 */

import type { HarnessReport } from '../harness/results.js';

/** Version of the JSON report format. */
export const JSON_REPORT_VERSION = 1;

/** Renders the report as one JSON document. */
export function renderJson(report: HarnessReport): string {
  const document = {
    version: JSON_REPORT_VERSION,
    summary: report.summary,
    results: report.results,
    problems: [...report.problems.rule, ...report.problems.usage],
    ...(report.baseline === undefined ? {} : { baseline: report.baseline }),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
