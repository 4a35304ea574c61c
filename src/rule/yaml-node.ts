/**
 * The tree of a loaded YAML document: scalars with their resolved value
 * and written text, maps, sequences, each with its source location. Built
 * by the YAML 1.1 loader (`yaml11.ts`); read by everything that loads
 * rules, fixtures, allowlists and mappings.
 */

import type { SourceLocation } from '../diagnostics.js';
import type { SourceText } from './source-text.js';
import type { YamlScalarValue } from './yaml11-scalar.js';

/** How a scalar was written. Only `plain` scalars are type-resolved. */
export type YamlScalarStyle = 'plain' | 'quoted' | 'block';

/** A scalar with its resolved value and written text. */
export interface YamlScalar {
  readonly kind: 'scalar';
  readonly value: YamlScalarValue;
  /** The scalar as written, after YAML folding and escapes. */
  readonly text: string;
  readonly style: YamlScalarStyle;
  readonly location: SourceLocation;
}

/** One key and its value in a map. */
export interface YamlPair {
  readonly key: YamlScalar;
  readonly value: YamlNode;
}

/** A map, its pairs in written order (merge-key pairs first). */
export interface YamlMap {
  readonly kind: 'map';
  readonly pairs: readonly YamlPair[];
  readonly location: SourceLocation;
}

/** A sequence. */
export interface YamlSeq {
  readonly kind: 'seq';
  readonly items: readonly YamlNode[];
  readonly location: SourceLocation;
}

/** Any node of a loaded YAML document. */
export type YamlNode = YamlScalar | YamlMap | YamlSeq;

/** One document of a YAML stream. */
export interface YamlDocument {
  /** Position of the document in its file, from 0. */
  readonly index: number;
  /** The document's content; an empty document holds a null scalar. */
  readonly root: YamlNode;
  readonly location: SourceLocation;
  /** The file's text, for excerpts in later diagnostics. */
  readonly source: SourceText;
}
