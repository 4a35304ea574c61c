/**
 * Registers every command on the program. One module per command.
 */

import type { Command } from 'commander';
import { registerBench } from './bench.js';
import { registerCheck } from './check.js';
import { registerEval } from './eval.js';
import { registerFuzz } from './fuzz.js';
import { registerGenerate } from './generate.js';
import { registerScan } from './scan.js';
import { registerTest } from './test.js';

/** Adds all `sigma-harness` commands to `program`. */
export function registerCommands(program: Command): void {
  registerBench(program);
  registerCheck(program);
  registerEval(program);
  registerFuzz(program);
  registerGenerate(program);
  registerScan(program);
  registerTest(program);
}
