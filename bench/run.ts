/**
 * `npm run bench`: runs the tinybench suites of this folder and prints, per
 * task, the median, minimum and maximum cost per event and the events per
 * second, then a checksum of every pass's result (so no pass can be
 * optimised away). `npm run bench -- matchers --time 2000` runs one suite
 * with two seconds per task.
 */

import { parseArgs } from 'node:util';
import { eventSuite } from './suites/events.js';
import { matcherSuite } from './suites/matchers.js';
import type { Suite } from './suites/suite.js';

const SUITES: Record<
  string,
  (time: number, sink: (n: number) => void) => Promise<Suite>
> = {
  matchers: matcherSuite,
  events: eventSuite,
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { time: { type: 'string', default: '500' } },
});
const time = Number(values.time);
const names = positionals.length > 0 ? positionals : Object.keys(SUITES);
const unknown = names.filter((name) => !(name in SUITES));
if (!Number.isFinite(time) || time <= 0 || unknown.length > 0) {
  const what =
    unknown.length > 0 ? `unknown suite(s): ${unknown.join(', ')}` : 'bad --time';
  process.stderr.write(`${what}; suites: ${Object.keys(SUITES).join(', ')}, --time MS\n`);
  process.exit(3);
}

let checksum = 0;
const sink = (n: number) => {
  checksum = (checksum * 31 + n) >>> 0;
};
for (const name of names) {
  const { bench, eventsPerTask } = await SUITES[name]!(time, sink);
  await bench.run();
  const perEvent = (ms: number) => ((ms * 1e6) / eventsPerTask).toFixed(1);
  const rows = bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== 'completed') return { task: task.name, state: result.state };
    const { latency } = result;
    return {
      task: task.name,
      'median ns/event': perEvent(latency.p50),
      'min ns/event': perEvent(latency.min),
      'max ns/event': perEvent(latency.max),
      'events/s': Math.round((eventsPerTask * 1000) / latency.p50).toLocaleString(
        'en-US',
      ),
      passes: latency.samplesCount,
    };
  });
  process.stdout.write(`\n${name} (${eventsPerTask} events per pass)\n`);
  console.table(rows);
}
process.stdout.write(`checksum ${checksum.toString(16)}\n`);
