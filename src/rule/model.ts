/**
 * The Sigma rule model, named after the Sigma specification (v2.1): a rule
 * has a logsource and a detection; a detection has search identifiers and a
 * condition; a search identifier holds detection items, each a field with
 * modifiers and values.
 *
 * The model keeps values as written (after YAML 1.1 scalar resolution) and
 * modifiers as written; their meaning is given by the engine when a rule is
 * compiled (`engine/compile-rule.ts`). Every node keeps its source location
 * so that diagnostics and reports can point at the rule line.
 */

import type { SourceLocation } from '../diagnostics.js';

/** Rule maturity, as in the specification. */
export type RuleStatus =
  'stable' | 'test' | 'experimental' | 'deprecated' | 'unsupported';

/** Rule severity, as in the specification. */
export type RuleLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/** Which log data a rule applies to. */
export interface Logsource {
  readonly category?: string;
  readonly product?: string;
  readonly service?: string;
  readonly definition?: string;
}

/** A value as written in a detection, after YAML 1.1 resolution. */
export type DetectionValue = string | number | boolean | null;

/**
 * One detection item: a field (or a keyword search when `field` is null),
 * its modifiers in the order written, and its values (OR-linked unless the
 * `all` modifier is present).
 */
export interface DetectionItem {
  readonly kind: 'item';
  /** Field name, exact and case-sensitive; null for keywords. */
  readonly field: string | null;
  /** Modifier names as written after `|`, in order. */
  readonly modifiers: readonly string[];
  /** The values; an empty list is written `field: []` and means null. */
  readonly values: readonly DetectionValue[];
  /** Where the key (or, for keywords, the list) starts. */
  readonly location: SourceLocation;
  /** Where each value starts, parallel to `values`. */
  readonly valueLocations: readonly SourceLocation[];
}

/** A map of detection items or nested nodes: all must match (AND). */
export interface DetectionAllOf {
  readonly kind: 'all-of';
  readonly items: readonly DetectionNode[];
  readonly location: SourceLocation;
}

/** A list of maps (or mixed items): any may match (OR). */
export interface DetectionAnyOf {
  readonly kind: 'any-of';
  readonly items: readonly DetectionNode[];
  readonly location: SourceLocation;
}

/** A node of a search identifier's definition. */
export type DetectionNode = DetectionItem | DetectionAllOf | DetectionAnyOf;

/** A named search (`selection`, `filter_main`, `keywords`, ...). */
export interface SearchIdentifier {
  readonly name: string;
  readonly definition: DetectionNode;
  readonly location: SourceLocation;
}

/** A condition string as written, with where it stands. */
export interface ConditionSource {
  readonly text: string;
  readonly location: SourceLocation;
}

/** The `detection` section. A list of conditions is OR-linked. */
export interface Detection {
  readonly searchIdentifiers: readonly SearchIdentifier[];
  readonly conditions: readonly ConditionSource[];
  readonly timeframe?: string;
  readonly location: SourceLocation;
}

/** An entry of `related`. */
export interface RelatedRule {
  readonly id: string;
  readonly type: string;
}

/** Metadata every Sigma document may carry. */
export interface DocumentMeta {
  /** Path of the file the document came from. */
  readonly file: string;
  /** Position of the YAML document in its file, from 0. */
  readonly documentIndex: number;
  /** Where the document starts. */
  readonly location: SourceLocation;
  readonly title: string;
  readonly id?: string;
  readonly name?: string;
  readonly status?: RuleStatus;
  readonly level?: RuleLevel;
  readonly description?: string;
  readonly author?: string;
  readonly date?: string;
  readonly modified?: string;
  readonly tags: readonly string[];
  readonly related: readonly RelatedRule[];
  readonly references: readonly string[];
  readonly falsepositives: readonly string[];
  /** Every top-level key as parsed (plain JS values), extensions included. */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Line of each top-level key, for pointing reports at rule lines. */
  readonly keyLines: Readonly<Record<string, number>>;
}

/** A detection rule. */
export interface SigmaRule extends DocumentMeta {
  readonly kind: 'rule';
  readonly logsource: Logsource;
  readonly detection: Detection;
  /** SigmaHQ's `regression_tests_path`, as written. */
  readonly regressionTestsPath?: string;
}

/** A Sigma filter: extra conditions applied to other rules. */
export interface SigmaFilter extends DocumentMeta {
  readonly kind: 'filter';
  readonly logsource: Logsource;
  /** Rule ids or names the filter applies to, or `any`. */
  readonly rules: readonly string[] | 'any';
  /** The filter's own search identifiers and condition. */
  readonly detection: Detection;
}

/** The correlation types of the specification. */
export type CorrelationType =
  | 'event_count'
  | 'value_count'
  | 'temporal'
  | 'temporal_ordered'
  | 'value_sum'
  | 'value_avg'
  | 'value_percentile';

/** A correlation rule. Loaded and validated; not evaluated. */
export interface SigmaCorrelation extends DocumentMeta {
  readonly kind: 'correlation';
  readonly correlationType: CorrelationType;
  readonly rules: readonly string[];
  readonly groupBy: readonly string[];
  readonly timespan: string;
  /** `gt`, `gte`, `lt`, `lte`, `eq`, `neq` and, for `value_*`, `field`. */
  readonly condition: Readonly<Record<string, string | number>>;
  /** Field aliases: alias name, then rule id or name, then that rule's field. */
  readonly aliases?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Whether the referenced rules also produce their own matches. */
  readonly generate?: boolean;
}

/** Any Sigma document a file may hold. */
export type SigmaDocument = SigmaRule | SigmaFilter | SigmaCorrelation;
