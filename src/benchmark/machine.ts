/**
 * The machine a benchmark ran on, for the report header: Node and V8
 * versions, CPU model, core count and memory.
 */

import { cpus, totalmem } from 'node:os';

/** Where a report was measured. */
export interface MachineInfo {
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memory_gb: number;
}

/** Describes the current machine. */
export function describeMachine(): MachineInfo {
  const list = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memory_gb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}
