import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultFieldReader } from '../../src/engine/fields.js';
import type { LogEvent } from '../../src/events/event.js';
import type { LogsourceMap, LogsourceVariant } from '../../src/events/logsource-map.js';
import {
  bundledMapPath,
  loadLogsourceMap,
  parseLogsourceMap,
} from '../../src/events/logsource-map-file.js';
import { variantApplies, variantReader } from '../../src/events/logsource-routing.js';
import type { Logsource } from '../../src/rule/model.js';
import { readAll, temporaryFolder, writeInput } from './helpers.js';

const folder = temporaryFolder();
afterAll(folder.cleanup);

let windows: LogsourceMap;
beforeAll(async () => {
  const loaded = await loadLogsourceMap('windows');
  if (loaded.kind !== 'loaded') throw new Error(JSON.stringify(loaded.diagnostics));
  windows = loaded.map;
});

function variantsOf(logsource: Logsource): readonly LogsourceVariant[] {
  const route = windows.route(logsource);
  if (route.kind !== 'mapped') throw new Error(`unmapped: ${JSON.stringify(logsource)}`);
  return route.variants;
}

function applying(logsource: Logsource, event: LogEvent): LogsourceVariant[] {
  return variantsOf(logsource).filter((v) =>
    variantApplies(v, event, defaultFieldReader),
  );
}

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
const sysmon1: LogEvent = { Channel: SYSMON, EventID: 1, Image: 'C:\\cmd.exe' };
const security4688: LogEvent = {
  Channel: 'security',
  EventID: '4688',
  NewProcessName: 'C:\\new.exe',
  ParentProcessName: 'C:\\parent.exe',
  NewProcessId: '0x10',
  ProcessId: '0x20',
};

describe('the bundled Windows map', () => {
  it('is named windows and found relative to the package root', () => {
    expect(windows.name).toBe('windows');
    expect(bundledMapPath('windows')).toMatch(
      /src[/\\]events[/\\]maps[/\\]windows\.yml$/,
    );
  });

  it('routes process_creation to Sysmon 1 and Security 4688', () => {
    const variants = variantsOf({ product: 'windows', category: 'process_creation' });
    expect(variants.map((v) => v.conditions.EventID)).toEqual([['1'], ['4688']]);
    expect(
      applying({ product: 'windows', category: 'process_creation' }, sysmon1),
    ).toEqual([variants[0]]);
    const forSecurity = applying(
      { category: 'process_creation', product: 'windows' },
      {
        ...security4688,
      },
    );
    expect(forSecurity).toEqual([variants[1]]);
  });

  it('reads renamed fields on 4688 and plain fields on Sysmon', () => {
    const [sysmonVariant, securityVariant] = variantsOf({
      product: 'windows',
      category: 'process_creation',
    });
    if (sysmonVariant === undefined || securityVariant === undefined)
      throw new Error('variants');
    const security = variantReader(securityVariant, defaultFieldReader);
    expect(security(security4688, 'Image')).toBe('C:\\new.exe');
    expect(security(security4688, 'ParentImage')).toBe('C:\\parent.exe');
    expect(security(security4688, 'ProcessId')).toBe('0x10');
    expect(security(security4688, 'ParentProcessId')).toBe('0x20');
    expect(security(security4688, 'EventID')).toBe('4688');
    expect(security({ Image: 'already flat' }, 'Image')).toBe('already flat');
    const plain = variantReader(sysmonVariant, defaultFieldReader);
    expect(plain(sysmon1, 'Image')).toBe('C:\\cmd.exe');
  });

  it('routes network_connection to Sysmon EventID 3 only', () => {
    const logsource = { product: 'windows', category: 'network_connection' };
    expect(variantsOf(logsource).map((v) => v.conditions.EventID)).toEqual([['3']]);
    expect(applying(logsource, { Channel: SYSMON, EventID: 3 })).toHaveLength(1);
    expect(applying(logsource, { Channel: SYSMON, EventID: '3' })).toHaveLength(1);
    expect(applying(logsource, { Channel: SYSMON, EventID: 1 })).toHaveLength(0);
    expect(applying(logsource, { Channel: 'Security', EventID: 3 })).toHaveLength(0);
    expect(applying(logsource, { EventID: 3 })).toHaveLength(0);
  });

  it('routes services to their channels and product alone to every event', () => {
    const security = { product: 'windows', service: 'security' };
    expect(applying(security, { Channel: 'Security', EventID: 4624 })).toHaveLength(1);
    expect(applying(security, { Channel: 'System', EventID: 7045 })).toHaveLength(0);
    const ps = { product: 'windows', category: 'ps_script' };
    expect(
      applying(ps, { Channel: 'PowerShellCore/Operational', EventID: 4104 }),
    ).toHaveLength(1);
    expect(applying({ product: 'windows' }, { anything: 1 })).toHaveLength(1);
  });

  it('covers every service and category SigmaHQ Windows rules use', () => {
    const services = ['system', 'application', 'windefend', 'codeintegrity-operational'];
    const more = [
      'appxdeployment-server',
      'firewall-as',
      'msexchange-management',
      'sysmon',
    ];
    for (const service of [...services, ...more]) {
      expect(windows.route({ product: 'windows', service }).kind).toBe('mapped');
    }
    const categories = [
      'registry_set',
      'file_event',
      'image_load',
      'dns_query',
      'ps_module',
    ];
    for (const category of categories) {
      expect(windows.route({ product: 'windows', category }).kind).toBe('mapped');
    }
  });

  it('leaves uncovered logsources unmapped', () => {
    expect(windows.route({ product: 'linux', category: 'process_creation' })).toEqual({
      kind: 'unmapped',
    });
    expect(windows.route({ product: 'windows', category: 'no_such_category' }).kind).toBe(
      'unmapped',
    );
    expect(windows.route({ product: 'windows', service: 'no-such-service' }).kind).toBe(
      'unmapped',
    );
    expect(windows.route({ category: 'process_creation' }).kind).toBe('unmapped');
  });

  it('compares logsource values without case', () => {
    const route = windows.route({ product: 'Windows', category: 'Process_Creation' });
    expect(route.kind).toBe('mapped');
  });
});

describe('routing rules of any map', () => {
  const text = [
    'logsources:',
    '  - logsource: { category: webserver }',
    '    variants: [{ conditions: { kind: any } }]',
    '  - logsource: { category: webserver, product: apache }',
    '    variants: [{ conditions: { kind: apache }, fields: { uri: request } }]',
    '',
  ].join('\n');
  const loaded = parseLogsourceMap(text, 'inline.yml', 'inline');

  it('prefers the entry that names the most keys', () => {
    if (loaded.kind !== 'loaded') throw new Error('map did not load');
    const apache = loaded.map.route({ category: 'webserver', product: 'apache' });
    const nginx = loaded.map.route({ category: 'webserver', product: 'nginx' });
    expect(apache.kind === 'mapped' && apache.variants[0]?.conditions).toEqual({
      kind: ['apache'],
    });
    expect(nginx.kind === 'mapped' && nginx.variants[0]?.conditions).toEqual({
      kind: ['any'],
    });
  });

  it('applies conditions to any element of an array value, as strings', () => {
    const variant = { conditions: { EventID: ['3', '5'] }, fields: {} };
    expect(variantApplies(variant, { EventID: [1, 5] }, defaultFieldReader)).toBe(true);
    expect(variantApplies(variant, { EventID: [1, 2] }, defaultFieldReader)).toBe(false);
    expect(variantApplies(variant, { EventID: null }, defaultFieldReader)).toBe(false);
    const nested = { conditions: { 'a.b': ['true'] }, fields: {} };
    expect(variantApplies(nested, { a: { b: true } }, defaultFieldReader)).toBe(true);
  });
});

describe('bad map files', () => {
  it('reports YAML syntax errors with line and column', async () => {
    const file = writeInput(
      folder.path,
      'syntax.yml',
      'logsources:\n  - logsource: {a: [\n',
    );
    const loaded = await loadLogsourceMap(file);
    expect(loaded.kind).toBe('failed');
    expect(loaded.diagnostics[0]).toMatchObject({
      file,
      code: 'SH502',
      severity: 'error',
    });
    expect(loaded.diagnostics[0]?.line).toBeGreaterThan(1);
  });

  it('reports shape errors at the offending node', async () => {
    const text = [
      'logsources:',
      '  - logsource: { product: windows, catgory: x }',
      '    variants:',
      '      - conditions: { EventID: [1, { a: 2 }] }',
      '        feilds: {}',
      '',
    ].join('\n');
    const file = writeInput(folder.path, 'shape.yml', text);
    const loaded = await loadLogsourceMap(file);
    expect(loaded.kind).toBe('failed');
    expect(loaded.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual([
      'SH503 2:36',
      'SH503 4:36',
      'SH503 5:9',
    ]);
    expect(loaded.diagnostics[0]?.excerpt).toContain('catgory');
  });

  it('rejects two entries for the same logsource', () => {
    const text = [
      'logsources:',
      '  - logsource: { product: windows }',
      '    variants: [{}]',
      '  - logsource: { product: Windows }',
      '    variants: [{}]',
      '',
    ].join('\n');
    const loaded = parseLogsourceMap(text, 'dup.yml', 'dup');
    expect(loaded.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual([
      'SH504 4:5',
    ]);
  });

  it('reports an unreadable file', async () => {
    const loaded = await loadLogsourceMap(`${folder.path}/missing.yml`);
    expect(loaded.kind).toBe('failed');
    expect(loaded.diagnostics[0]).toMatchObject({ code: 'SH501', line: 1, column: 1 });
  });
});

const SIGMAHQ = join(process.cwd(), '..', 'shared', 'corpus', 'sigmahq');
const hasSigmaHq = existsSync(join(SIGMAHQ, 'regression_data'));

/** Rule files under `folder` that carry a `regression_tests_path`. */
function regressionRules(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...regressionRules(path));
    else if (entry.name.endsWith('.yml') && /^regression_tests_path:/m.test(read(path))) {
      found.push(path);
    }
  }
  return found;
}

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

describe('SigmaHQ regression data through the Windows map', () => {
  it.runIf(!hasSigmaHq)('is skipped: corpus missing', () => {
    console.warn(`corpus missing: ${SIGMAHQ} not found; regression routing skipped`);
  });

  it.skipIf(!hasSigmaHq)(
    'routes every present regression event file to its rule',
    async () => {
      const folders = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'];
      const rules = folders.flatMap((folder) => regressionRules(join(SIGMAHQ, folder)));
      let checked = 0;
      const notRouted: string[] = [];
      for (const file of rules) {
        const rule = parse(read(file)) as {
          logsource: Logsource;
          regression_tests_path: string;
        };
        const folder = dirname(join(SIGMAHQ, rule.regression_tests_path));
        if (!existsSync(folder)) continue;
        const variants = variantsOf(rule.logsource);
        const events: LogEvent[] = [];
        for (const name of readdirSync(folder).filter((n) => n.endsWith('.json'))) {
          for (const item of await readAll(join(folder, name))) {
            if (item.kind === 'event') events.push(item.event);
          }
        }
        const routed = events.some((event) =>
          variants.some((variant) => variantApplies(variant, event, defaultFieldReader)),
        );
        if (!routed) notRouted.push(file);
        checked += 1;
      }
      expect(notRouted).toEqual([]);
      expect(checked).toBeGreaterThan(100);
    },
  );
});
