/**
 * Atomic file writes: the text goes to a temporary file beside the target,
 * which is then renamed over it, so a reader never sees half a file and an
 * interrupted run leaves the old file in place.
 *
 * Missing folders are created one level at a time (a recursive `mkdir`
 * never returns on some pseudo file systems, such as `/proc`). Every failure
 * is a `FileWriteError` saying which step failed and why, in one line.
 */

import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A file that could not be written, and why (one line, without the file). */
export class FileWriteError extends Error {
  constructor(
    /** The file that was to be written. */
    readonly path: string,
    /** Which step failed and why, such as `/out is not a folder`. */
    readonly reason: string,
  ) {
    super(`cannot write ${path}: ${reason}`);
    this.name = 'FileWriteError';
  }
}

/** Writes `text` to `path` atomically, creating the folder if needed. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const folder = dirname(path);
  await makeFolder(path, folder);
  const temporary = join(
    folder,
    `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, text, 'utf8');
  } catch (error) {
    await rm(temporary, { force: true });
    const why = `writing a temporary file in ${folder} failed: ${reason(error)}`;
    throw new FileWriteError(path, why);
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new FileWriteError(path, `replacing the file failed: ${reason(error)}`);
  }
}

/** Creates `folder` and the folders above it that are missing. */
async function makeFolder(path: string, folder: string): Promise<void> {
  const found = await stat(folder).catch((error: unknown) => error as Error);
  if (!(found instanceof Error)) {
    if (found.isDirectory()) return;
    throw new FileWriteError(path, `${folder} is not a folder`);
  }
  const code = codeOf(found);
  if (code !== 'ENOENT' && code !== 'ENOTDIR') {
    throw new FileWriteError(path, `${folder} cannot be used: ${reason(found)}`);
  }
  const parent = dirname(folder);
  if (parent !== folder) await makeFolder(path, parent);
  try {
    await mkdir(folder);
  } catch (error) {
    const made = await stat(folder).catch(() => undefined);
    if (made?.isDirectory() === true) return;
    throw new FileWriteError(path, `creating folder ${folder} failed: ${reason(error)}`);
  }
}

/** `no such file or directory (ENOENT)` from a Node error, else its message. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = codeOf(error);
  if (code === undefined) return message;
  const described = /^[A-Z0-9_]+: ([^,]+)/.exec(message)?.[1];
  return `${described ?? message} (${code})`;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Why a write failed, in one line: a `FileWriteError`'s reason, or the
 * first clause of a system error's message (`ENOSPC: no space left`).
 */
export function writeFailureReason(error: unknown): string {
  if (error instanceof FileWriteError) return error.reason;
  const message = error instanceof Error ? error.message : String(error);
  return (error as NodeJS.ErrnoException).code === undefined
    ? message
    : (message.split(', ')[0] ?? message);
}
