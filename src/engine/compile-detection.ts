/**
 * Compiling a `detection` section: its search identifiers (AND of map
 * entries, OR of list entries) and its conditions (OR-linked when a list).
 */

import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { LogEvent } from '../events/event.js';
import type { Detection, DetectionNode } from '../rule/model.js';
import type { ItemOptions } from './compile-item.js';
import { compileItem } from './compile-item.js';
import type { ConditionNode } from './condition.js';
import { parseCondition } from './condition.js';
import type { FieldReader, NodeExplanation, SearchExplanation } from './types.js';

/** A compiled node of a search identifier. */
interface CompiledNode {
  test(event: LogEvent, reader: FieldReader): boolean;
  explain(event: LogEvent, reader: FieldReader): NodeExplanation;
}

/** A compiled detection: evaluate its conditions on an event. */
export interface CompiledDetection {
  /** True when any condition holds. */
  test(event: LogEvent, reader: FieldReader): boolean;
  /** Each condition's result and every search identifier's explanation. */
  explain(event: LogEvent, reader: FieldReader): DetectionExplanation;
}

/** The explanation of a detection. */
export interface DetectionExplanation {
  readonly matched: boolean;
  readonly conditions: readonly { readonly text: string; readonly matched: boolean }[];
  readonly searchIdentifiers: readonly SearchExplanation[];
}

/** The result of compiling a detection. */
export type DetectionCompile =
  | {
      readonly ok: true;
      readonly detection: CompiledDetection;
      readonly diagnostics: Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** Compiles a detection section. */
export function compileDetection(
  detection: Detection,
  options: ItemOptions,
): DetectionCompile {
  const diagnostics: Diagnostic[] = [];
  const searches = new Map<string, CompiledNode>();
  for (const search of detection.searchIdentifiers) {
    const node = compileNode(search.definition, options, diagnostics);
    if (node) searches.set(search.name, node);
  }
  if (detection.conditions.length === 0) {
    const message = 'the detection has no condition';
    diagnostics.push(diagnostic(detection.location, 'SH403', 'error', message));
  }
  const names = detection.searchIdentifiers.map((search) => search.name);
  const conditions: ConditionNode[] = [];
  for (const source of detection.conditions) {
    const parsed = parseCondition(source, names);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.ok) conditions.push(parsed.node);
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics };
  return { ok: true, detection: build(detection, searches, conditions), diagnostics };
}

function compileNode(
  node: DetectionNode,
  options: ItemOptions,
  diagnostics: Diagnostic[],
): CompiledNode | undefined {
  if (node.kind === 'item') {
    const compiled = compileItem(node, options);
    diagnostics.push(...compiled.diagnostics);
    return compiled.ok ? compiled.item : undefined;
  }
  const children: CompiledNode[] = [];
  for (const child of node.items) {
    const compiled = compileNode(child, options, diagnostics);
    if (compiled) children.push(compiled);
  }
  if (children.length !== node.items.length) return undefined;
  return group(node.kind, children, node.location);
}

function group(
  kind: 'all-of' | 'any-of',
  children: readonly CompiledNode[],
  location: DetectionNode['location'],
): CompiledNode {
  const all = kind === 'all-of';
  return {
    test: all
      ? (event, reader) => children.every((child) => child.test(event, reader))
      : (event, reader) => children.some((child) => child.test(event, reader)),
    explain(event, reader) {
      const items = children.map((child) => child.explain(event, reader));
      const matched = all ? items.every((i) => i.matched) : items.some((i) => i.matched);
      return { kind, matched, items, location };
    },
  };
}

function build(
  detection: Detection,
  searches: ReadonlyMap<string, CompiledNode>,
  conditions: readonly ConditionNode[],
): CompiledDetection {
  const evaluate = (
    node: ConditionNode,
    event: LogEvent,
    reader: FieldReader,
  ): boolean => {
    switch (node.type) {
      case 'and':
        return node.operands.every((operand) => evaluate(operand, event, reader));
      case 'or':
        return node.operands.some((operand) => evaluate(operand, event, reader));
      case 'not':
        return !evaluate(node.operand, event, reader);
      case 'identifier':
        return searches.get(node.name)?.test(event, reader) ?? false;
      case 'of': {
        const test = (name: string): boolean =>
          searches.get(name)?.test(event, reader) ?? false;
        return node.quantifier === 'all' ? node.names.every(test) : node.names.some(test);
      }
    }
  };
  return {
    test: (event, reader) => conditions.some((node) => evaluate(node, event, reader)),
    explain(event, reader) {
      const results = conditions.map((node, index) => ({
        text: detection.conditions[index]?.text ?? '',
        matched: evaluate(node, event, reader),
      }));
      const searchIdentifiers = detection.searchIdentifiers.map((search) => {
        const node = searches.get(search.name) as CompiledNode;
        const explanation = node.explain(event, reader);
        const { name, location } = search;
        return { name, matched: explanation.matched, node: explanation, location };
      });
      return {
        matched: results.some((r) => r.matched),
        conditions: results,
        searchIdentifiers,
      };
    },
  };
}
