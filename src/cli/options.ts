/**
 * Options shared by several commands, defined once: `--matcher` and
 * `--logsource-map`.
 */

import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
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
