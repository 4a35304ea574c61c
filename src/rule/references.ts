/**
 * Checks across the documents of a rule set: rule ids and names must be
 * unique (correlations and filters cite rules by them), and every rule a
 * correlation or filter cites should be present. All are warnings: each
 * document stays usable on its own.
 */

import type { Diagnostic, SourceLocation } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import { severityOf } from './codes.js';
import type { RuleCode } from './codes.js';
import type { SigmaDocument } from './model.js';

/** Cross-document problems of `documents` (loaded from one or more files). */
export function checkReferences(documents: readonly SigmaDocument[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = new Set<string>();
  for (const key of ['id', 'name'] as const) {
    const first = new Map<string, SigmaDocument>();
    for (const document of documents) {
      const value = document[key];
      if (value === undefined) continue;
      known.add(value);
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, document);
      else diagnostics.push(duplicate(document, key, value, earlier.location));
    }
  }
  for (const document of documents)
    diagnostics.push(...missingReferences(document, known));
  return diagnostics;
}

function duplicate(
  document: SigmaDocument,
  key: 'id' | 'name',
  value: string,
  earlier: SourceLocation,
): Diagnostic {
  const code = key === 'id' ? 'SH250' : 'SH251';
  const message =
    `${key} '${value}' is also used by the document at ` +
    `${earlier.file}:${earlier.line}:${earlier.column}`;
  return at(document, key, code, message);
}

function missingReferences(document: SigmaDocument, known: ReadonlySet<string>) {
  if (document.kind === 'rule' || document.rules === 'any') return [];
  return document.rules
    .filter((reference) => !known.has(reference))
    .map((reference) => {
      const message =
        `${document.kind} cites '${reference}', ` +
        'which no loaded rule has as id or name';
      return at(document, document.kind, 'SH252', message);
    });
}

function at(document: SigmaDocument, key: string, code: RuleCode, message: string) {
  const line = document.keyLines[key] ?? document.location.line;
  const location = { file: document.file, line, column: 1 };
  return diagnostic(location, code, severityOf(code), message);
}
