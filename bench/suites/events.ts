/**
 * Suite `events`: the stages the seed rule's events go through, each over
 * the same generated NDJSON lines of Sysmon network connections (1% hits):
 * `JSON.parse` alone, the engine's event reader (`parseEvent`), the
 * compiled rule on events parsed beforehand, and the raw-line prefilter
 * over the undecoded bytes. One task is one pass over every line.
 */

import { join } from 'node:path';
import { Bench } from 'tinybench';
import { createRawPrefilter } from '../../src/benchmark/raw-prefilter.js';
import { generateEvents } from '../../src/benchmark/events.js';
import { loadRegistrableDomains } from '../../src/benchmark/domains.js';
import { SEED_HOSTS } from '../../src/benchmark/pattern-sets.js';
import { compileRule } from '../../src/engine/compile-rule.js';
import { packageRoot } from '../../src/events/package-root.js';
import { parseEvent } from '../../src/events/parse-event.js';
import type { LogEvent } from '../../src/events/event.js';
import { loadRuleFile } from '../../src/rule/load.js';
import { ruleRequirement } from '../../src/ruleset/requirement.js';
import { budget, type Suite } from './suite.js';

/** Lines per pass. */
const EVENTS = 20_000;

/** The seed rule, relative to the package root. */
const SEED_RULE = 'rules/windows/net_connection_win_domain_ngrok_tunnel.yml';

/** Loads and compiles the seed rule, with its prefilter needles. */
async function seedRule() {
  const file = join(packageRoot(import.meta.url) ?? process.cwd(), SEED_RULE);
  const loaded = await loadRuleFile(file);
  const rule = loaded.documents.find((d) => d.kind === 'rule');
  if (rule?.kind !== 'rule') throw new Error(`${file}: no Sigma rule loaded`);
  const compiled = compileRule(rule, { placeholders: {} });
  if (!compiled.ok) throw new Error(`${file}: the rule does not compile`);
  const requirement = ruleRequirement(rule);
  if (requirement.kind === 'always') throw new Error(`${file}: no literal to prefilter`);
  return {
    compiled: compiled.compiled,
    needles: requirement.needles.map((n) => n.literal),
  };
}

/** Builds the suite; `sink` receives a count from every pass. */
export async function eventSuite(
  time: number,
  sink: (n: number) => void,
): Promise<Suite> {
  const domains = loadRegistrableDomains();
  const options = {
    seed: 1,
    hitRate: 0.01,
    mixedCase: 0.1,
    domains,
    patterns: SEED_HOSTS,
  };
  const lines = [...generateEvents(EVENTS, options)].map((event) =>
    JSON.stringify(event),
  );
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  const { compiled, needles } = await seedRule();
  const prefilter = createRawPrefilter(needles);
  if (prefilter.kind !== 'ready')
    throw new Error(`prefilter declined: ${prefilter.reason}`);
  const at = { file: 'generated', line: 0, column: 1 };
  const events = lines.map((line) => JSON.parse(line) as LogEvent);

  const bench = new Bench({ name: 'events', ...budget(time) });
  bench
    .add('JSON.parse', () => {
      let keys = 0;
      for (const line of lines) keys += Object.keys(JSON.parse(line) as object).length;
      sink(keys);
    })
    .add('parseEvent', () => {
      let parsed = 0;
      lines.forEach((line, index) => {
        if (parseEvent(line, at, index, true).kind === 'event') parsed++;
      });
      sink(parsed);
    })
    .add('seed rule on parsed events', () => {
      let hits = 0;
      for (const event of events) if (compiled.matches(event)) hits++;
      sink(hits);
    })
    .add('raw-line prefilter', () => {
      let flagged = 0;
      prefilter.prefilter.scanLines(bytes, bytes.length, (_start, _end, hit) => {
        if (hit) flagged++;
      });
      sink(flagged);
    });
  return { bench, eventsPerTask: EVENTS };
}
