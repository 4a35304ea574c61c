/**
 * Every `|re` value of the SigmaHQ rules compiles; both engines agree on
 * haystacks built from each pattern. Reads ../shared/corpus by path and skips
 * with a message when it is missing. Reports the V8 / linear split.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, test } from 'vitest';
import { compileSigmaRegex, V8_HAYSTACK_LIMIT } from '../../../src/engine/regex/index.js';
import type { SigmaRegexFlags } from '../../../src/engine/regex/index.js';
import { extractInlineFlags } from '../../../src/engine/regex/inline-flags.js';
import { parseRegex } from '../../../src/engine/regex/parser.js';
import { flagsOf, linearEngine, v8Engine } from './linear.js';
import { randomFrom, sampleString, variantsOf } from './sample.js';

const SIGMAHQ = resolve(import.meta.dirname, '../../../../shared/corpus/sigmahq');
const SAMPLES_PER_PATTERN = 6;

interface CorpusRegex {
  readonly file: string;
  readonly pattern: string;
  readonly flags: SigmaRegexFlags;
}

function yamlFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(folder, name));
}

/** Every `field|re...: value(s)` under a rule's `detection`. */
function collect(node: unknown, file: string, out: CorpusRegex[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, file, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    const modifiers = key.split('|').slice(1);
    if (!modifiers.includes('re')) {
      collect(value, file, out);
      continue;
    }
    const flags = flagsOf(modifiers.filter((m) => /^[ims]$/.test(m)).join(''));
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const pattern of values) out.push({ file, pattern: String(pattern), flags });
  }
}

function corpusRegexes(): CorpusRegex[] {
  const folders = readdirSync(SIGMAHQ).filter((name) => name.startsWith('rules'));
  const out: CorpusRegex[] = [];
  for (const file of folders.flatMap((folder) => yamlFiles(join(SIGMAHQ, folder)))) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('|re')) continue;
    for (const document of parseAllDocuments(text)) {
      const rule: unknown = document.toJS();
      if (typeof rule === 'object' && rule !== null && 'detection' in rule) {
        collect(rule.detection, file, out);
      }
    }
  }
  return out;
}

function haystacksFor(entry: CorpusRegex, seed: number): string[] {
  const inline = extractInlineFlags(entry.pattern, entry.flags);
  if (!inline.ok) return [];
  const parsed = parseRegex(inline.source, inline.flags);
  if (!parsed.ok) return [];
  const random = randomFrom(seed);
  const out: string[] = [];
  for (let i = 0; i < SAMPLES_PER_PATTERN; i++) {
    out.push(...variantsOf(sampleString(parsed.root, random), random));
  }
  return out;
}

describe.skipIf(!existsSync(SIGMAHQ))('SigmaHQ |re values (../shared/corpus)', () => {
  const regexes = existsSync(SIGMAHQ) ? corpusRegexes() : [];

  test('every value compiles; split between V8 and the linear engine', async ({
    annotate,
  }) => {
    expect(regexes.length).toBeGreaterThan(200);
    const failures: string[] = [];
    const split = { v8: 0, linear: 0 };
    for (const entry of regexes) {
      const compiled = compileSigmaRegex(entry.pattern, entry.flags);
      if (compiled.ok) split[compiled.regex.engine]++;
      else failures.push(`${entry.file}: ${entry.pattern}: ${compiled.message}`);
    }
    expect(failures).toEqual([]);
    await annotate(
      `${regexes.length} |re values: ${split.v8} on V8, ${split.linear} linear`,
    );
  });

  test('the linear engine agrees with V8 on haystacks built from each pattern', () => {
    const disagreements: string[] = [];
    regexes.forEach((entry, index) => {
      const linear = linearEngine(entry.pattern, entry.flags);
      const v8 = v8Engine(entry.pattern, entry.flags);
      for (const haystack of haystacksFor(entry, index + 1)) {
        if (linear(haystack) !== v8(haystack)) {
          disagreements.push(`${entry.pattern} on ${JSON.stringify(haystack)}`);
        }
      }
    });
    expect(disagreements).toEqual([]);
  });

  test("past the V8 haystack limit, the answer is still V8's", () => {
    const padding = ' '.repeat(V8_HAYSTACK_LIMIT);
    const disagreements: string[] = [];
    regexes.forEach((entry, index) => {
      const compiled = compileSigmaRegex(entry.pattern, entry.flags);
      if (!compiled.ok) return;
      const v8 = v8Engine(entry.pattern, entry.flags);
      for (const haystack of haystacksFor(entry, index + 1).slice(0, 4)) {
        const long = `${padding}${haystack}\n${padding}`;
        if (compiled.regex.test(long) !== v8(long)) disagreements.push(entry.pattern);
      }
    });
    expect(disagreements).toEqual([]);
  });

  test('sampled haystacks exercise both verdicts', () => {
    let matches = 0;
    let total = 0;
    regexes.forEach((entry, index) => {
      const v8 = v8Engine(entry.pattern, entry.flags);
      for (const haystack of haystacksFor(entry, index + 1)) {
        total++;
        if (v8(haystack)) matches++;
      }
    });
    expect(matches).toBeGreaterThan(total / 4);
    expect(matches).toBeLessThan(total);
  });
});

if (!existsSync(SIGMAHQ)) {
  const missing = `SigmaHQ corpus not found at ${SIGMAHQ}; corpus regex tests skipped`;
  test.skip(missing, () => {});
}
