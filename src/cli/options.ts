/**
 * Options shared by several commands, defined once: `--matcher` and
 * `--logsource-map`.
 */

import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import type { Diagnostic } from '../diagnostics.js';
import type { LogsourceMap } from '../events/logsource-map.js';
import { loadLogsourceMap } from '../events/logsource-map-file.js';
import type { StrategyChoice } from '../matchers/index.js';
import { isStrategyChoice, STRATEGY_NAMES } from '../matchers/index.js';

/** Options every evaluating command takes. */
export interface CommonOptions {
  readonly matcher?: StrategyChoice;
  readonly logsourceMap?: string;
}

/** Adds `--matcher NAME` (a strategy, or `auto`) to `command`. */
export function matcherOption(command: Command): Command {
  const names = ['auto', ...STRATEGY_NAMES].join(', ');
  return command.option(
    '--matcher <name>',
    `matcher strategy for every value list: ${names}`,
    (value: string): StrategyChoice => {
      if (!isStrategyChoice(value)) {
        throw new InvalidArgumentError(`expected one of ${names}`);
      }
      return value;
    },
  );
}

/** A `--logsource-map` value loaded, or the diagnostics that stopped it. */
export type MapOption =
  | { readonly ok: true; readonly map: LogsourceMap | undefined }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Loads the mapping named by `--logsource-map` (`windows` or a file), if any. */
export async function loadMapOption(spec: string | undefined): Promise<MapOption> {
  if (spec === undefined) return { ok: true, map: undefined };
  const loaded = await loadLogsourceMap(spec);
  if (loaded.kind === 'failed') return { ok: false, diagnostics: loaded.diagnostics };
  return { ok: true, map: loaded.map };
}
