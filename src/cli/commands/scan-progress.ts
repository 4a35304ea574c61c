/**
 * The progress bar of `scan` on a terminal (`cli-progress`): events read,
 * events per second, elapsed time and an estimate of the time left (from
 * the share of corpus bytes done). Nothing is drawn when the stream is not
 * a TTY.
 */

import cliProgress from 'cli-progress';
import type { ScanProgress } from '../../ruleset/scan-runner.js';

/** A running progress display. */
export interface ProgressDisplay {
  readonly update: (progress: ScanProgress) => void;
  readonly stop: () => void;
}

/** Starts a progress bar on `stream`, or returns undefined off a terminal. */
export function startProgress(stream: NodeJS.WriteStream): ProgressDisplay | undefined {
  if (!stream.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format:
        'scan [{bar}] {percentage}% | {events} events | {rate} events/s | ' +
        '{elapsed}s elapsed | ~{left}s left',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(1, 0, { events: 0, rate: 0, elapsed: 0, left: '?' });
  return {
    update(progress) {
      const elapsed = (performance.now() - started) / 1000;
      const share = progress.bytes / Math.max(progress.totalBytes, 1);
      const left = share > 0 ? Math.round((elapsed * (1 - share)) / share) : '?';
      bar.update(share, {
        events: progress.events,
        rate: Math.round(progress.events / Math.max(elapsed, 1e-9)),
        elapsed: Math.round(elapsed),
        left,
      });
    },
    stop: () => bar.stop(),
  };
}
