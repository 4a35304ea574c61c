/**
 * Registers every command on the program. One module per command.
 */

import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerTest } from './test.js';

/** Adds all `sigma-harness` commands to `program`. */
export function registerCommands(program: Command): void {
  registerCheck(program);
  registerTest(program);
}
