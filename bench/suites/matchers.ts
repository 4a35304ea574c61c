/**
 * Suite `matchers`: each matcher strategy, the two npm Aho-Corasick
 * references and the two in-process baselines over the same generated
 * hostnames, at each pattern count. One task is one pass over all the
 * hostnames, so a task's latency divided by their number is the cost per
 * event. This is the quick look of the development loop: every task shares
 * one process and its JIT state; the isolated, agreement-checked report is
 * `sigma-harness bench` (docs/benchmarks.md).
 */

import { Bench } from 'tinybench';
import { loadContender, type ContenderName } from '../../src/benchmark/contenders.js';
import { loadRegistrableDomains } from '../../src/benchmark/domains.js';
import { generateHostnames } from '../../src/benchmark/hostnames.js';
import { containsPatterns, patternValues } from '../../src/benchmark/pattern-sets.js';
import { budget, type Suite } from './suite.js';

/** The contenders of the suite, in the order of its table. */
const CONTENDERS: readonly ContenderName[] = [
  'naive',
  'regex-union',
  'aho-corasick',
  'monyone-fast',
  'modern-ahocorasick',
  'baseline-charcodeat',
];

/** Pattern counts of the suite. */
const PATTERN_COUNTS = [7, 100, 1000, 10_000];

/** Hostnames per pass. */
const EVENTS = 5_000;

/** Builds the suite; `sink` receives every pass's match count. */
export async function matcherSuite(
  time: number,
  sink: (n: number) => void,
): Promise<Suite> {
  const domains = loadRegistrableDomains();
  const bench = new Bench({ name: 'matchers', ...budget(time) });
  for (const count of PATTERN_COUNTS) {
    const values = patternValues(count, 1, domains);
    const hosts = generateHostnames(EVENTS, {
      seed: 2,
      hitRate: 0.01,
      mixedCase: 0.1,
      domains,
      patterns: values,
    });
    for (const name of CONTENDERS) {
      const loaded = await loadContender(name, containsPatterns(values));
      if (loaded.kind === 'skipped') continue;
      const { score } = loaded;
      bench.add(`${name} x ${count}`, () => {
        let sum = 0;
        for (const host of hosts) sum += score(host);
        sink(sum);
      });
    }
  }
  return { bench, eventsPerTask: EVENTS };
}
