/**
 * Finds rule files: paths given as files are taken as they are; folders are
 * walked recursively for `*.yml` and `*.yaml` files. The result is sorted
 * (by code unit order of the path) so every run sees the same order.
 */

import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic, fileStart } from '../diagnostics.js';

/** Rule files found and the paths that could not be read. */
export interface DiscoveryResult {
  readonly files: string[];
  readonly diagnostics: Diagnostic[];
}

const RULE_FILE = /\.ya?ml$/i;

/**
 * Lists the rule files under `paths`. A missing or unreadable path is an
 * `SH112` error; the other paths are still listed. Each file appears once.
 * Symbolic links to folders are not followed, so a link loop cannot hang.
 */
export async function discoverRuleFiles(
  paths: readonly string[],
): Promise<DiscoveryResult> {
  const files = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    const kind = await pathKind(path);
    if (kind === 'file') files.add(path);
    else if (kind === 'folder') await walk(path, files, diagnostics);
    else diagnostics.push(notFound(path, kind.reason));
  }
  return { files: [...files].sort(compareCodeUnits), diagnostics };
}

async function pathKind(path: string): Promise<'file' | 'folder' | { reason: string }> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'folder' : 'file';
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
}

async function walk(folder: string, files: Set<string>, diagnostics: Diagnostic[]) {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    diagnostics.push(
      notFound(folder, error instanceof Error ? error.message : String(error)),
    );
    return;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await walk(path, files, diagnostics);
    else if (RULE_FILE.test(entry.name) && (entry.isFile() || entry.isSymbolicLink())) {
      files.add(path);
    }
  }
}

function notFound(path: string, reason: string): Diagnostic {
  return diagnostic(fileStart(path), 'SH112', 'error', `cannot read path: ${reason}`);
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
