/**
 * The progress bar of `bench` on a terminal (`cli-progress`): steps done
 * (match cells, file writes, end-to-end runs) and the step running. Nothing
 * is drawn when the stream is not a TTY.
 */

import cliProgress from 'cli-progress';

/** A running progress display. */
export interface BenchProgress {
  /** Marks the previous step done and names the one starting. */
  readonly step: (label: string) => void;
  readonly stop: () => void;
}

/** Starts a bar of `total` steps on `stream`, or returns undefined off a terminal. */
export function startBenchProgress(
  stream: NodeJS.WriteStream,
  total: number,
): BenchProgress | undefined {
  if (!stream.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    { stream, format: 'bench [{bar}] {value}/{total} | {label}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let done = 0;
  bar.start(total, 0, { label: 'starting' });
  return {
    step: (label) => bar.update(Math.min(++done, total), { label }),
    stop: () => bar.stop(),
  };
}
