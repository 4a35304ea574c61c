/**
 * Reading the OTRF corpus (`../shared/corpus/otrf/events`, 127 gzip NDJSON
 * files, 668,848 events). One file (with a blank line) is checked on every
 * run; the whole corpus, with a throughput figure, only when
 * `SIGMA_HARNESS_MEASURE=1` is set:
 *
 *     SIGMA_HARNESS_MEASURE=1 npx vitest run test/events/otrf-corpus.test.ts
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEventFileBatches } from '../../src/events/read.js';
import { readAll } from './helpers.js';

const EVENTS = join(process.cwd(), '..', 'shared', 'corpus', 'otrf', 'events');
const hasCorpus = existsSync(EVENTS);
const measure = process.env.SIGMA_HARNESS_MEASURE === '1';

describe('OTRF corpus', () => {
  it.runIf(!hasCorpus)('is skipped: corpus missing', () => {
    console.warn(`corpus missing: ${EVENTS} not found; OTRF reading checks skipped`);
  });

  it.skipIf(!hasCorpus)(
    'reads a file with a blank line: every other line an event',
    async () => {
      const file = join(EVENTS, 'schtask_create_2020-12-1907003032.ndjson.gz');
      const items = await readAll(file);
      expect(items.filter((item) => item.kind === 'error')).toEqual([]);
      expect(items).toHaveLength(1041);
      const lines = items.map((item) => item.line);
      expect(lines.includes(547)).toBe(false);
      expect(lines.at(-1)).toBe(1042);
    },
  );

  it.skipIf(!hasCorpus || !measure)(
    'reads all 668,848 events and reports the throughput',
    async () => {
      const started = performance.now();
      const cpuStart = process.cpuUsage();
      let events = 0;
      let errors = 0;
      for await (const batch of readEventFileBatches([EVENTS])) {
        for (const item of batch) {
          if (item.kind === 'event') events += 1;
          else errors += 1;
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuStart);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      console.info(
        `OTRF: ${events} events, ${errors} errors in ${seconds.toFixed(2)} s wall ` +
          `(${Math.round(events / seconds)} events/s), ${cpuSeconds.toFixed(2)} s CPU ` +
          `(${Math.round(events / cpuSeconds)} events per CPU second)`,
      );
      expect(errors).toBe(0);
      expect(events).toBe(668_848);
    },
    600_000,
  );
});
