/**
 * `--matcher NAME` on every command that compiles rules, through the built
 * command line: a bad name is a usage error (exit 3) naming the allowed
 * names, and each strategy gives the same verdicts (fixtures, scan hits
 * through worker threads and an allowlist, fuzz findings). Every run starts
 * at once, before the tests, so that they overlap.
 */

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { STRATEGY_NAMES } from '../../src/matchers/index.js';
import type { CliRun } from './run-cli.js';
import { runCliAsync } from './run-cli.js';

const TUNNEL = 'rules/windows/net_connection_win_domain_ngrok_tunnel.yml';
const AGENT_TUNNEL = 'c0264e0f-7eb5-40e8-b9af-d8f2d015bd7e';

/** The three algorithms (`regex-union-unchunked` is `regex-union` in one piece). */
const STRATEGIES = ['naive', 'regex-union', 'aho-corasick'] as const;

/** Covers one of the two corpus hits, with enough values for `auto` to pick a set. */
const ALLOWLIST = `- rule: ${AGENT_TUNNEL}
  reason: reviewed
  detection:
    s:
      DestinationHostname|endswith:
        - connect.ngrok-agent.com
        - a.example
        - b.example
        - c.example
        - d.example
    condition: s
`;

/** Arguments of each command that compiles rules, runnable as they are. */
const COMMANDS = {
  check: ['check', 'rules'],
  eval: ['eval', TUNNEL, 'fixtures/events/sysmon3-connect-eu.json'],
  test: ['test', 'rules', '--fixtures', 'fixtures', '--reporter', 'json'],
  scan: ['scan', 'rules', '--corpus', 'fixtures/events', '--workers', '2', '--json'],
  fuzz: ['fuzz', TUNNEL, '--runs', '200', '--seed', '42', '--json'],
  generate: ['generate', 'rules', '--check', '--count', '1'],
} as const;

type CommandName = keyof typeof COMMANDS;

let bad: Record<CommandName, CliRun>;
let byStrategy: Record<'test' | 'scan' | 'fuzz', CliRun[]>;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'matcher-option-'));
  const allowlist = join(dir, 'allow.yml');
  await writeFile(allowlist, ALLOWLIST);
  const names = Object.keys(COMMANDS) as CommandName[];
  const withMatcher = (args: readonly string[], name: string) =>
    runCliAsync([...args, '--matcher', name]);
  const eachStrategy = (args: readonly string[]) =>
    Promise.all(STRATEGIES.map((name) => withMatcher(args, name)));
  const [badRuns, test, scan, fuzz] = await Promise.all([
    Promise.all(names.map((name) => withMatcher(COMMANDS[name], 'bogus'))),
    eachStrategy(COMMANDS.test),
    eachStrategy([...COMMANDS.scan, '--allowlist', allowlist, '--verify']),
    eachStrategy(COMMANDS.fuzz),
  ]);
  bad = Object.fromEntries(names.map((name, i) => [name, badRuns[i]])) as typeof bad;
  byStrategy = { test, scan, fuzz };
});

/** The scan JSON document without the timings, which vary from run to run. */
function scanVerdicts(stdout: string): unknown {
  interface Summary {
    readonly [figure: string]: unknown;
    readonly verify: { readonly differences: number };
  }
  const { summary, ...rest } = JSON.parse(stdout) as { summary: Summary };
  const stable = ['rules', 'events', 'hits', 'files', 'workers', 'allowlisted'];
  const figures = Object.fromEntries(stable.map((key) => [key, summary[key]]));
  return { ...rest, summary: { ...figures, differences: summary.verify.differences } };
}

describe('--matcher', () => {
  it.each(Object.keys(COMMANDS))(
    '%s: an unknown name exits 3 naming the allowed ones',
    (name) => {
      const run = bad[name as CommandName];
      expect(run.status, run.stderr).toBe(3);
      expect(run.stderr).toContain("argument 'bogus' is invalid");
      for (const allowed of ['auto', ...STRATEGY_NAMES])
        expect(run.stderr).toContain(allowed);
    },
  );

  it('test: the same report with each strategy', () => {
    const [first, ...others] = byStrategy.test.map((run) => ({
      status: run.status,
      report: JSON.parse(run.stdout) as { summary: { passed: number; failed: number } },
    }));
    expect(first?.status).toBe(0);
    expect(first?.report.summary.passed).toBeGreaterThan(0);
    for (const other of others) expect(other).toEqual(first);
  });

  it('scan: the same hits with each strategy, in worker threads', () => {
    const [first, ...others] = byStrategy.scan.map((run) => ({
      status: run.status,
      verdicts: scanVerdicts(run.stdout),
    }));
    expect(first?.status).toBe(1);
    expect(first?.verdicts).toMatchObject({
      summary: { events: 4, hits: 1, allowlisted: 1, workers: 2, differences: 0 },
    });
    const { rules } = JSON.parse(byStrategy.scan[0]?.stdout ?? '{}') as {
      rules: { id: string; hits: number }[];
    };
    expect(rules.find((rule) => rule.id === AGENT_TUNNEL)?.hits).toBe(1);
    for (const other of others) expect(other).toEqual(first);
  });

  it('fuzz: the same findings with each strategy', () => {
    const [first, ...others] = byStrategy.fuzz.map((run) => ({
      status: run.status,
      stdout: run.stdout,
    }));
    expect(first?.status).toBe(1);
    expect(first?.stdout).toContain('connect.us-cal-1.ngrok-agent.com');
    for (const other of others) expect(other).toEqual(first);
  });
});
