#!/usr/bin/env node
/**
 * The `sigma-harness` command line. Each command lives in its own module
 * under `cli/commands/` and registers itself on the program here.
 */

import { Command, CommanderError } from 'commander';
import { exitQuietlyOnClosedPipe } from './closed-pipe.js';
import { EXIT } from './exit-codes.js';
import { registerCommands } from './commands/index.js';

exitQuietlyOnClosedPipe(process.stdout);
exitQuietlyOnClosedPipe(process.stderr);

const program = new Command('sigma-harness')
  .description('Test harness and benchmark suite for Sigma detection rules')
  .version(process.env.npm_package_version ?? '0.1.0')
  .showHelpAfterError()
  .exitOverride();

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    const helpOrVersion = [
      'commander.helpDisplayed',
      'commander.version',
      'commander.help',
    ];
    process.exitCode = helpOrVersion.includes(error.code) ? EXIT.ok : EXIT.usage;
  } else {
    throw error;
  }
}
