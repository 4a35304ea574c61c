/**
 * Worker entry of the match benchmark: measures the `MatchJob` passed as
 * `workerData` and posts the `MatchJobResult` back. A fresh worker per cell
 * keeps JIT state from leaking between contenders.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { runMatchJob, type MatchJob } from './match-job.js';

const result = await runMatchJob(workerData as MatchJob);
parentPort?.postMessage(result);
