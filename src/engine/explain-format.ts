/**
 * Plain-text rendering of an explanation tree, for terminals and reports:
 * one line per condition, search identifier, group and detection item, with
 * the rule line each item stands on and why it did or did not match.
 */

import type { Explanation, NodeExplanation, SearchExplanation } from './types.js';

const REASONS: Readonly<Record<string, string>> = {
  matched: 'matched',
  'field-absent': 'field absent',
  'field-present': 'field present',
  'value-differs': 'value differs',
  'case-differs': 'differs only in case (cased)',
  'regex-no-match': 'regex did not match',
  'not-null': 'value is not null',
  'not-a-number': 'value is not a number',
  'not-an-address': 'value is not an IP address',
  'not-a-date': 'value is not a date',
  'some-values-missing': 'not every value matched (all)',
  'excluded-value': 'a value matched, which neq excludes',
  'keyword-absent': 'no keyword found in the event',
};

/** Renders `explanation` as indented lines (no colour, no trailing newline). */
export function formatExplanation(explanation: Explanation): string[] {
  const lines = [`verdict: ${explanation.verdict}`];
  for (const condition of explanation.conditions) {
    lines.push(`  condition ${mark(condition.matched)} ${condition.text}`);
  }
  for (const search of explanation.searchIdentifiers)
    lines.push(...searchLines(search, '  '));
  for (const filter of explanation.filters) {
    lines.push(`  filter ${mark(filter.matched)} ${filter.title}`);
    for (const search of filter.searchIdentifiers)
      lines.push(...searchLines(search, '    '));
  }
  return lines;
}

function searchLines(search: SearchExplanation, indent: string): string[] {
  const head = `${indent}${mark(search.matched)} ${search.name} (line ${search.location.line})`;
  return [head, ...nodeLines(search.node, `${indent}  `)];
}

function nodeLines(node: NodeExplanation, indent: string): string[] {
  if (node.kind !== 'item') {
    const label = node.kind === 'all-of' ? 'all of' : 'any of';
    const children = node.items.flatMap((item) => nodeLines(item, `${indent}  `));
    return node.items.length === 1
      ? nodeLines(node.items[0] as NodeExplanation, indent)
      : [
          `${indent}${mark(node.matched)} ${label} (line ${node.location.line})`,
          ...children,
        ];
  }
  const key = [node.field ?? '<keywords>', ...node.modifiers].join('|');
  const reason = REASONS[node.reason] ?? node.reason;
  const actual =
    node.actual === undefined ? '' : `; event has ${JSON.stringify(node.actual)}`;
  const shown = node.matchedValues.map((index) => `#${index + 1}`).join(', ');
  const values = shown === '' ? '' : `; matched value ${shown}`;
  return [
    `${indent}${mark(node.matched)} ${key} (line ${node.location.line}): ${reason}${values}${actual}`,
  ];
}

function mark(matched: boolean): string {
  return matched ? '✓' : '✗';
}
