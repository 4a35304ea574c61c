/**
 * Standard output and error closed by the reader (`sigma-harness ... | head`):
 * writing then fails with `EPIPE`. Nothing more can be shown, so the
 * command stops quietly with the exit code it had so far, instead of dying
 * with an unhandled stream error.
 */

import type { Writable } from 'node:stream';

/** Makes an `EPIPE` on `stream` end the process quietly; other errors rethrow. */
export function exitQuietlyOnClosedPipe(stream: Writable): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
