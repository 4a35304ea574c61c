/**
 * YAML loading with PyYAML's YAML 1.1 semantics and source locations.
 *
 * The `yaml` package parses the text with its failsafe schema, so every
 * scalar arrives as its written text; plain scalars are then resolved with
 * PyYAML's implicit resolvers (`yaml11-scalar.ts`) and quoted or block
 * scalars stay strings. The result is a small tree of maps, sequences and
 * scalars where every node and key keeps its line and column.
 *
 * Guarantees: duplicate keys are `SH103` errors; alias expansion is bounded
 * by `maxAliasCount` per document (`SH104`), so nested aliases cannot blow
 * up ("billion laughs"); documents nested deeper than `maxDepth` are
 * refused (`SH114`) before the recursive composer sees them; merge keys
 * (`<<`) merge as in PyYAML. A broken document is reported and left out;
 * the other documents still load.
 *
 * Limitations (differences from PyYAML): the syntax accepted is the `yaml`
 * package's, so a file PyYAML rejects for syntax may load, or the reverse;
 * PyYAML stops the whole stream at its first error where this loader keeps
 * the other documents; keys merged through `<<` never count as duplicates
 * (pySigma's duplicate check would flag an own key that overrides one).
 * Measured: every YAML file of the SigmaHQ corpus (4,190, including
 * `regression_data` and `tests`) loads to the same values as PyYAML 6.0.3,
 * dates compared as text.
 */

import type { Alias, Document, Pair, Scalar, YAMLError } from 'yaml';
import { Composer, isAlias, isMap, isScalar, isSeq, Parser } from 'yaml';
import type { Diagnostic, SourceLocation } from '../diagnostics.js';
import type { RuleCode } from './codes.js';
import { ruleDiagnostic } from './codes.js';
import { SourceText } from './source-text.js';
import { cstDepth, DEFAULT_MAX_DEPTH } from './yaml-depth.js';
import type { ResolvedScalar } from './yaml11-scalar.js';
import type {
  YamlDocument,
  YamlMap,
  YamlNode,
  YamlPair,
  YamlScalar,
  YamlScalarStyle,
  YamlSeq,
} from './yaml-node.js';
import { constructTagged, resolvePlainScalar } from './yaml11-scalar.js';

export type {
  YamlDocument,
  YamlMap,
  YamlNode,
  YamlPair,
  YamlScalar,
  YamlScalarStyle,
  YamlSeq,
} from './yaml-node.js';

/** Options of `parseYamlDocuments`. */
export interface YamlParseOptions {
  /** Alias expansions allowed per document, nested ones counted; default 100. */
  readonly maxAliasCount?: number;
  /** Deepest nesting of maps and lists per document, aliases expanded; default 128. */
  readonly maxDepth?: number;
}

/** Documents that loaded, and every problem found. */
export interface YamlParseResult {
  readonly documents: YamlDocument[];
  readonly diagnostics: Diagnostic[];
  /** Documents left out because of an error. */
  readonly rejected: number;
  /** The file's text, for excerpts in later diagnostics. */
  readonly source: SourceText;
}

/** Default bound on alias expansions per document. */
export const DEFAULT_MAX_ALIAS_COUNT = 100;

/**
 * Parses every document of `text` (read from `file`). Documents with a
 * syntax error, an alias bomb or an invalid tag or key are left out and
 * reported; the others load. Never throws on bad input.
 */
export function parseYamlDocuments(
  text: string,
  file: string,
  options: YamlParseOptions = {},
): YamlParseResult {
  const source = new SourceText(text, file);
  const limits = {
    maxAliasCount: options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
  };
  const composed = composeDocuments(text, source, limits.maxDepth);
  const documents: YamlDocument[] = [];
  const diagnostics = [...composed.diagnostics];
  for (const { doc, index } of composed.documents) {
    const loaded = loadDocument(doc, index, source, limits);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.document !== undefined) documents.push(loaded.document);
  }
  const rejected = composed.total - documents.length;
  return { documents, diagnostics, rejected, source };
}

interface ComposedDocuments {
  readonly documents: { readonly doc: Document.Parsed; readonly index: number }[];
  readonly diagnostics: Diagnostic[];
  /** Number of documents in the stream, refused ones included. */
  readonly total: number;
}

/**
 * Parses the text to CST tokens and composes each document that is not
 * nested deeper than `maxDepth`; deeper ones are refused with `SH114`.
 */
function composeDocuments(
  text: string,
  source: SourceText,
  maxDepth: number,
): ComposedDocuments {
  const composer = new Composer({ schema: 'failsafe', uniqueKeys: false });
  const accepted: number[] = [];
  const docs: Document.Parsed[] = [];
  const diagnostics: Diagnostic[] = [];
  let total = 0;
  let skipping = false;
  for (const token of new Parser(source.lineCounter.addNewLine).parse(text)) {
    if (token.type === 'document') {
      skipping = cstDepth(token) > maxDepth;
      total += 1;
      if (skipping) {
        const message = `the document nests deeper than ${maxDepth} levels; not loaded`;
        const at = source.locationAt(token.offset);
        diagnostics.push(ruleDiagnostic(source, at, 'SH114', message));
        continue;
      }
      accepted.push(total - 1);
    }
    if (skipping && token.type === 'doc-end') continue;
    docs.push(...composer.next(token));
  }
  docs.push(...composer.end());
  const documents = docs.map((doc, i) => ({ doc, index: accepted[i] ?? i }));
  return { documents, diagnostics, total: Math.max(total, docs.length) };
}

function loadDocument(
  doc: Document.Parsed,
  index: number,
  source: SourceText,
  limits: Required<YamlParseOptions>,
): { document?: YamlDocument; diagnostics: Diagnostic[] } {
  const diagnostics = doc.errors.map((e) => yamlErrorDiagnostic(source, e, 'SH101'));
  for (const warning of doc.warnings) {
    if (warning.code !== 'TAG_RESOLVE_FAILED') {
      diagnostics.push(yamlErrorDiagnostic(source, warning, 'SH102'));
    }
  }
  if (doc.errors.length > 0) return { diagnostics };

  const builder = new TreeBuilder(doc, source, limits);
  const contentStart = (doc.contents as { range?: readonly number[] } | null)?.range?.[0];
  const location = source.locationAt(contentStart ?? doc.range[0]);
  const root = builder.build(doc.contents, location);
  diagnostics.push(...builder.diagnostics);
  if (root === undefined || builder.failed) return { diagnostics };
  return { document: { index, root, location, source }, diagnostics };
}

function yamlErrorDiagnostic(source: SourceText, error: YAMLError, code: RuleCode) {
  const location = source.locationAt(error.pos[0]);
  return ruleDiagnostic(source, location, code, `${error.message} (${error.code})`);
}

/** Thrown inside `TreeBuilder` to abandon a document (alias bomb, depth). */
class DocumentRefused extends Error {}

/** Turns the `yaml` AST of one document into located YAML 1.1 nodes. */
class TreeBuilder {
  readonly diagnostics: Diagnostic[] = [];
  failed = false;
  private aliasCount = 0;
  private depth = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly source: SourceText,
    private readonly limits: Required<YamlParseOptions>,
  ) {}

  /** The tree, or undefined when the document was refused (SH104, SH114). */
  build(contents: unknown, fallback: SourceLocation): YamlNode | undefined {
    try {
      return this.node(contents, fallback);
    } catch (error) {
      if (!(error instanceof DocumentRefused)) throw error;
      this.failed = true;
      return undefined;
    }
  }

  private node(ast: unknown, fallback: SourceLocation): YamlNode {
    if (isAlias(ast)) return this.alias(ast, fallback);
    if (isScalar(ast)) return this.scalar(ast, fallback);
    if (!isMap(ast) && !isSeq(ast)) return nullScalar(fallback);
    const location = this.at(ast, fallback);
    this.depth += 1;
    const { maxDepth } = this.limits;
    if (this.depth > maxDepth) {
      this.refuse(location, 'SH114', `aliases nest the document deeper than ${maxDepth}`);
    }
    const built = isMap(ast)
      ? this.map(ast.items, location)
      : this.seq(ast.items, location);
    this.depth -= 1;
    return built;
  }

  private seq(items: readonly unknown[], location: SourceLocation): YamlSeq {
    return {
      kind: 'seq',
      items: items.map((item) => this.node(item, location)),
      location,
    };
  }

  private alias(ast: Alias, fallback: SourceLocation): YamlNode {
    const location = this.at(ast, fallback);
    this.aliasCount += 1;
    if (this.aliasCount > this.limits.maxAliasCount) {
      const message =
        `more than ${this.limits.maxAliasCount} alias expansions in one document ` +
        `(at *${ast.source}); the document is not loaded`;
      this.refuse(location, 'SH104', message);
    }
    return this.node(ast.resolve(this.doc), location);
  }

  private refuse(location: SourceLocation, code: RuleCode, message: string): never {
    this.report(location, code, message);
    throw new DocumentRefused(message);
  }

  private map(items: readonly Pair[], location: SourceLocation): YamlMap {
    const own: YamlPair[] = [];
    const merged: YamlPair[] = [];
    for (const pair of items) {
      const key = this.key(pair.key, location);
      if (key === undefined) continue;
      const value = this.node(pair.value, key.location);
      if (key.style === 'plain' && key.text === '<<') merged.push(...this.merge(value));
      else own.push({ key, value });
    }
    this.checkDuplicates(own);
    const ownKeys = new Set(own.map((pair) => keyIdentity(pair.key)));
    const inherited = firstOfEachKey(merged).filter(
      (p) => !ownKeys.has(keyIdentity(p.key)),
    );
    return { kind: 'map', pairs: [...inherited, ...own], location };
  }

  private key(ast: unknown, fallback: SourceLocation): YamlScalar | undefined {
    const key = isScalar(ast)
      ? this.scalar(ast, fallback, true)
      : this.node(ast, fallback);
    if (key.kind === 'scalar') return key;
    this.report(key.location, 'SH105', 'a map key must be a scalar, not a map or list');
    this.failed = true;
    return undefined;
  }

  private merge(value: YamlNode): YamlPair[] {
    if (value.kind === 'map') return [...value.pairs];
    if (value.kind === 'seq' && value.items.every((item) => item.kind === 'map')) {
      return value.items.flatMap((item) => (item.kind === 'map' ? item.pairs : []));
    }
    this.report(
      value.location,
      'SH113',
      'a merge key (<<) needs a map or a list of maps',
    );
    this.failed = true;
    return [];
  }

  private checkDuplicates(pairs: readonly YamlPair[]): void {
    const seen = new Map<string, YamlScalar>();
    for (const { key } of pairs) {
      const identity = keyIdentity(key);
      const first = seen.get(identity);
      if (first === undefined) {
        seen.set(identity, key);
        continue;
      }
      const message =
        `duplicate key '${key.text}' (first at line ${first.location.line}, ` +
        `column ${first.location.column})`;
      this.report(key.location, 'SH103', message);
      this.failed = true;
    }
  }

  private scalar(ast: Scalar, fallback: SourceLocation, isKey = false): YamlScalar {
    const location = this.at(ast, fallback);
    const text = typeof ast.value === 'string' ? ast.value : String(ast.value);
    const style = scalarStyle(ast.type);
    const resolved = this.resolve(ast.tag, text, style, location);
    if (resolved.type === 'merge' && !isKey)
      this.cannotConstruct(location, text, 'merge');
    if (resolved.unsafeInteger === true) {
      const message = `integer ${text} is beyond 2^53 and is kept as the exact text`;
      this.report(location, 'SH107', message);
    }
    return { kind: 'scalar', value: resolved.value, text, style, location };
  }

  private resolve(
    tag: string | undefined,
    text: string,
    style: YamlScalarStyle,
    location: SourceLocation,
  ): ResolvedScalar {
    if (tag === undefined && style !== 'plain') return { type: 'str', value: text };
    const resolved =
      tag === undefined ? resolvePlainScalar(text) : constructTagged(tag, text);
    if (resolved !== undefined) return resolved;
    this.cannotConstruct(location, text, tag ?? 'implicit');
    return { type: 'str', value: text };
  }

  private cannotConstruct(location: SourceLocation, text: string, tag: string): void {
    const message =
      tag === 'implicit'
        ? `PyYAML cannot construct '${text}'; quote the value`
        : `the tag ${tag} gives no Sigma value (a string, number, boolean or ` +
          'null); remove the tag and quote the value';
    this.report(location, 'SH106', message);
    this.failed = true;
  }

  private at(ast: unknown, fallback: SourceLocation): SourceLocation {
    const range = (ast as { range?: readonly number[] | null }).range;
    const start = range?.[0];
    return start === undefined ? fallback : this.source.locationAt(start);
  }

  private report(location: SourceLocation, code: RuleCode, message: string): void {
    this.diagnostics.push(ruleDiagnostic(this.source, location, code, message));
  }
}

function scalarStyle(type: Scalar['type']): YamlScalarStyle {
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') return 'quoted';
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') return 'block';
  return 'plain';
}

function nullScalar(location: SourceLocation): YamlScalar {
  return { kind: 'scalar', value: null, text: '', style: 'plain', location };
}

/**
 * The identity of a key as Python compares dict keys: `1`, `1.0` and `true`
 * are the same key, as PyYAML's duplicate check sees them.
 */
function keyIdentity(key: YamlScalar): string {
  const { value } = key;
  if (typeof value === 'boolean') return `n:${value ? 1 : 0}`;
  if (typeof value === 'number') return `n:${value}`;
  if (value === null) return 'null';
  return `s:${value}`;
}

function firstOfEachKey(pairs: readonly YamlPair[]): YamlPair[] {
  const seen = new Set<string>();
  return pairs.filter((pair) => {
    const identity = keyIdentity(pair.key);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}
