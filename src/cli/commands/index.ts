/**
 * Registers every command on the program. One module per command.
 */

import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerFuzz } from './fuzz.js';
import { registerGenerate } from './generate.js';
import { registerTest } from './test.js';

/** Adds all `sigma-harness` commands to `program`. */
export function registerCommands(program: Command): void {
  registerCheck(program);
  registerFuzz(program);
  registerGenerate(program);
  registerTest(program);
}
