/**
 * The reporters by name. Each lives in its own module; all take a harness
 * report and return text.
 */

import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderPretty } from './pretty.js';
import type { Reporter, ReporterName } from './reporter.js';

export type { RenderOptions, Reporter, ReporterName } from './reporter.js';
export { isReporterName, REPORTER_NAMES } from './reporter.js';

/** The reporter for each name. */
export const REPORTERS: Readonly<Record<ReporterName, Reporter>> = {
  pretty: renderPretty,
  json: renderJson,
  junit: renderJunit,
  github: renderGithub,
  markdown: renderMarkdown,
};
