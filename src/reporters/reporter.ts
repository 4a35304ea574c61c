/**
 * The reporter interface: a reporter turns a harness report into text. Where
 * the text goes (standard output or a file) is the CLI's choice.
 */

import type { HarnessReport } from '../harness/results.js';

/** The reporters `--reporter` accepts. */
export const REPORTER_NAMES = ['pretty', 'json', 'junit', 'github', 'markdown'] as const;

/** One of `REPORTER_NAMES`. */
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** Rendering options. */
export interface RenderOptions {
  /** Colour the output (pretty only); default false. */
  readonly color?: boolean;
}

/** Renders a report as text (ending with a newline). */
export type Reporter = (report: HarnessReport, options?: RenderOptions) => string;

/** True when `name` is a reporter name. */
export function isReporterName(name: string): name is ReporterName {
  return (REPORTER_NAMES as readonly string[]).includes(name);
}
