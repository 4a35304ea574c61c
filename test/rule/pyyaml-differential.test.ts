import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { resolvePlainScalar } from '../../src/rule/yaml11-scalar.js';

/**
 * Differential check of plain-scalar resolution against PyYAML itself, when
 * `python3` with the `yaml` module is installed (skipped otherwise). The
 * scalars are every 1- to 3-piece combination of pieces chosen to hit the
 * edges of PyYAML's int, float, bool, null and timestamp resolvers.
 */
const PIECES = ['0', '1', '7', '9', '_', ':', '.', '-', '+', 'e', 'x', 'b', '5', 'a'];
const WORDS = [
  'yes',
  'No',
  'ON',
  'oFF',
  'y',
  'n',
  'null',
  'NULL',
  '~',
  '.inf',
  '.NaN',
  '=',
];
const DATES = ['2024-01-01', '2024-1-1', '2024-01-01 10:00:00', '2024-01-01T10:00:00Z'];

function cases(): string[] {
  const found = new Set<string>([...WORDS, ...DATES]);
  for (const a of PIECES) {
    for (const b of PIECES) {
      for (const c of ['', ...PIECES]) found.add(`${a}${b}${c}`);
    }
  }
  return [...found];
}

const PYTHON = `
import json, sys, math, yaml
out = {}
for s in json.load(sys.stdin):
    try:
        node = yaml.compose('k: ' + s).value[0][1]
        if node.style is not None or node.value != s:
            continue
        value = yaml.safe_load('k: ' + s)['k']
        tag = node.tag.rsplit(':', 1)[-1]
        if tag == 'timestamp':
            value = s
        elif isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            value = repr(value)
        out[s] = [tag, value]
    except yaml.YAMLError as error:
        out[s] = ['error', type(error).__name__]
    except ValueError:
        out[s] = ['error', 'ValueError']
json.dump(out, sys.stdout)
`;

function pyyaml(
  scalars: readonly string[],
): Record<string, [string, unknown]> | undefined {
  const run = spawnSync('python3', ['-c', PYTHON], {
    input: JSON.stringify(scalars),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) return undefined;
  return JSON.parse(run.stdout) as Record<string, [string, unknown]>;
}

function comparable(value: unknown): unknown {
  if (typeof value !== 'number' || Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'nan';
  return value > 0 ? 'inf' : '-inf';
}

const reference = pyyaml(cases());
if (reference === undefined) {
  console.warn(
    'PyYAML differential test skipped: python3 with the yaml module not found',
  );
}

describe.skipIf(reference === undefined)('plain scalars agree with PyYAML', () => {
  it('resolves every generated scalar as PyYAML does', () => {
    const disagreements: string[] = [];
    for (const [text, [tag, value]] of Object.entries(reference ?? {})) {
      if (tag === 'error' && value === 'ScannerError') continue;
      const ours = resolvePlainScalar(text);
      const expected = tag === 'error' ? 'error' : `${tag} ${JSON.stringify(value)}`;
      const got =
        ours === undefined
          ? 'error'
          : `${ours.type} ${JSON.stringify(comparable(ours.value))}`;
      if (got !== expected) {
        disagreements.push(`${JSON.stringify(text)}: PyYAML ${expected}, ours ${got}`);
      }
    }
    expect(Object.keys(reference ?? {}).length).toBeGreaterThan(1000);
    expect(disagreements).toEqual([]);
  });
});
