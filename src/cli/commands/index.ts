/**
 * Registers every command on the program. One module per command.
 */

import type { Command } from 'commander';

/** Adds all `sigma-harness` commands to `program`. */
export function registerCommands(program: Command): void {
  void program;
}
