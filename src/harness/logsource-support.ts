/**
 * The harness's logsource mapping support: mappings loaded with the event
 * layer's loader (`windows` or a file) and rules routed with the engine's
 * `routeRule`.
 */

import { routeRule } from '../engine/routing.js';
import { loadLogsourceMap } from '../events/logsource-map-file.js';
import type { LogsourceSupport } from './evaluate.js';

/** Mapping support backed by `loadLogsourceMap` and `routeRule`. */
export const logsourceSupport: LogsourceSupport = {
  async load(name) {
    const loaded = await loadLogsourceMap(name);
    if (loaded.kind === 'failed') return { ok: false, diagnostics: loaded.diagnostics };
    return { ok: true, map: loaded.map };
  },
  route: routeRule,
};
