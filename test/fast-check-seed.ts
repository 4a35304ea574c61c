/**
 * Every fast-check property of the suite runs from one fixed seed (override
 * with FC_SEED), so CI replays the same runs and a failure can be replayed
 * from the seed and path it prints. Properties that pass a seed of their
 * own keep it.
 */

import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261204) });
