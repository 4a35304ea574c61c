/**
 * Loads Sigma documents (rules, filters, correlation rules) from YAML text or
 * files, with YAML 1.1 scalar resolution, collection actions, the detection
 * tree and schema validation.
 *
 * Contract: loading never throws on bad input. Every problem becomes a
 * diagnostic with file, line, column and excerpt, and a bad document never
 * stops the other documents of the file. A document with an error
 * diagnostic is left out of `documents` and counted in `rejected`.
 */

import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic, fileStart } from '../diagnostics.js';
import { ruleDiagnostic, severityOf } from './codes.js';
import { applyCollectionActions } from './collection.js';
import { readCorrelation } from './correlation.js';
import { buildDetection } from './detection.js';
import { readFilter } from './filter.js';
import { readMeta, textOf } from './meta.js';
import type { CorrelationBody } from './correlation.js';
import type {
  Logsource,
  SigmaCorrelation,
  SigmaDocument,
  SigmaFilter,
  SigmaRule,
} from './model.js';
import type { SourceText } from './source-text.js';
import { validateMeta } from './validate.js';
import { valueOf } from './yaml-access.js';
import type { YamlDocument, YamlMap } from './yaml11.js';
import { parseYamlDocuments } from './yaml11.js';

/** The documents of one file and the problems found while loading them. */
export interface LoadResult {
  /** Documents without error diagnostics, in file order. */
  readonly documents: SigmaDocument[];
  readonly diagnostics: Diagnostic[];
  /** Documents left out because of an error (YAML, structure or schema). */
  readonly rejected: number;
}

/** Loads every Sigma document of `text`, read from `file`. */
export function loadRuleText(text: string, file: string): LoadResult {
  const yaml = parseYamlDocuments(text, file);
  const collection = applyCollectionActions(yaml.documents);
  const diagnostics = [...yaml.diagnostics, ...collection.diagnostics];
  const documents: SigmaDocument[] = [];
  let rejected = yaml.rejected + collection.diagnostics.length;
  for (const document of collection.documents) {
    const loaded = loadDocument(document);
    diagnostics.push(...loaded.diagnostics);
    const failed = loaded.diagnostics.some((d) => d.severity === 'error');
    if (failed) rejected += 1;
    else if (loaded.document !== undefined) documents.push(loaded.document);
  }
  return { documents, diagnostics, rejected };
}

/**
 * Reads `path` as UTF-8 and loads it. An unreadable file is an `SH100` error
 * and counts as one rejected document.
 */
export async function loadRuleFile(path: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `cannot read file: ${reason}`;
    const d = diagnostic(fileStart(path), 'SH100', severityOf('SH100'), message);
    return { documents: [], diagnostics: [d], rejected: 1 };
  }
  return loadRuleText(text, path);
}

interface DocumentResult {
  readonly document?: SigmaDocument;
  readonly diagnostics: Diagnostic[];
}

/** The kind-specific part of a document, without its metadata. */
type DocumentBody =
  | Pick<SigmaRule, 'kind' | 'logsource' | 'detection' | 'regressionTestsPath'>
  | Pick<SigmaFilter, 'kind' | 'logsource' | 'rules' | 'detection'>
  | (Pick<SigmaCorrelation, 'kind'> & CorrelationBody);

interface BodyResult {
  readonly body?: DocumentBody;
  readonly diagnostics: Diagnostic[];
}

function loadDocument(document: YamlDocument): DocumentResult {
  const { root, source } = document;
  if (root.kind === 'scalar' && root.value === null) {
    const message = 'empty YAML document; nothing to load';
    return { diagnostics: [ruleDiagnostic(source, document.location, 'SH109', message)] };
  }
  if (root.kind !== 'map') {
    const message = 'a Sigma document must be a map of keys such as title and detection';
    return { diagnostics: [ruleDiagnostic(source, root.location, 'SH108', message)] };
  }
  const meta = readMeta(root, document);
  const { body, diagnostics } = loadBody(root, source);
  diagnostics.unshift(...validateMeta(root, source));
  if (body === undefined) return { diagnostics };
  return { document: { ...meta, ...body }, diagnostics };
}

function loadBody(root: YamlMap, source: SourceText): BodyResult {
  if (valueOf(root, 'correlation') !== undefined) {
    const { body, diagnostics } = readCorrelation(root, source);
    return body === undefined
      ? { diagnostics }
      : { body: { kind: 'correlation', ...body }, diagnostics };
  }
  const logsource = readLogsource(root, source);
  if (valueOf(root, 'filter') !== undefined) {
    const { body, diagnostics } = readFilter(root, source);
    diagnostics.unshift(...logsource.diagnostics);
    if (body === undefined || logsource.value === undefined) return { diagnostics };
    return { body: { kind: 'filter', logsource: logsource.value, ...body }, diagnostics };
  }
  return loadRule(root, source, logsource);
}

function loadRule(
  root: YamlMap,
  source: SourceText,
  logsource: LogsourceResult,
): BodyResult {
  const section = valueOf(root, 'detection');
  if (section?.kind !== 'map') {
    const at = section?.location ?? root.location;
    const message =
      'the rule needs a detection map with search identifiers and a condition';
    const missing = ruleDiagnostic(source, at, 'SH204', message);
    return { diagnostics: [...logsource.diagnostics, missing] };
  }
  const built = buildDetection(section, source);
  const diagnostics = [...logsource.diagnostics, ...built.diagnostics];
  if (logsource.value === undefined) return { diagnostics };
  const path = textOf(valueOf(root, 'regression_tests_path'));
  const rule = {
    kind: 'rule',
    logsource: logsource.value,
    detection: built.detection,
  } as const;
  const body = path === undefined ? rule : { ...rule, regressionTestsPath: path };
  return { body, diagnostics };
}

interface LogsourceResult {
  readonly value?: Logsource;
  readonly diagnostics: Diagnostic[];
}

const LOGSOURCE_FIELDS = ['category', 'product', 'service', 'definition'] as const;

/**
 * Reads `logsource`. Only the four fields of the specification enter the
 * model; other keys stay in the document's attributes.
 */
function readLogsource(root: YamlMap, source: SourceText): LogsourceResult {
  const node = valueOf(root, 'logsource');
  if (node?.kind !== 'map') {
    const at = node?.location ?? root.location;
    const message = 'the document needs a logsource map (category, product, service)';
    return { diagnostics: [ruleDiagnostic(source, at, 'SH203', message)] };
  }
  const diagnostics: Diagnostic[] = [];
  const value: { -readonly [K in keyof Logsource]: string } = {};
  for (const field of LOGSOURCE_FIELDS) {
    const fieldNode = valueOf(node, field);
    if (fieldNode === undefined) continue;
    const text = textOf(fieldNode);
    if (text !== undefined) value[field] = text;
    else {
      const message = `logsource ${field} must be a string`;
      diagnostics.push(ruleDiagnostic(source, fieldNode.location, 'SH216', message));
    }
  }
  return { value, diagnostics };
}
