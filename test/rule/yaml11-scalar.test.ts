import { describe, expect, it } from 'vitest';
import { constructTagged, resolvePlainScalar } from '../../src/rule/yaml11-scalar.js';

/**
 * Plain scalars and what PyYAML 6 (`yaml.safe_load`) makes of them. The
 * expectations were read from PyYAML; timestamps stay the written text.
 */
const PYYAML_CASES: readonly [string, string, unknown][] = [
  ['00000429', 'str', '00000429'],
  ['00050429', 'str', '00050429'],
  ['0000042a', 'str', '0000042a'],
  ['09', 'str', '09'],
  ['1e3', 'str', '1e3'],
  ['1.5e3', 'str', '1.5e3'],
  ['1.5e+3', 'float', 1500],
  ['y', 'str', 'y'],
  ['n', 'str', 'n'],
  ['Y', 'str', 'Y'],
  ['yes', 'bool', true],
  ['Yes', 'bool', true],
  ['YES', 'bool', true],
  ['yEs', 'str', 'yEs'],
  ['no', 'bool', false],
  ['NO', 'bool', false],
  ['on', 'bool', true],
  ['On', 'bool', true],
  ['off', 'bool', false],
  ['OFF', 'bool', false],
  ['true', 'bool', true],
  ['True', 'bool', true],
  ['TRUE', 'bool', true],
  ['tRUE', 'str', 'tRUE'],
  ['false', 'bool', false],
  ['False', 'bool', false],
  ['010', 'int', 8],
  ['-010', 'int', -8],
  ['0', 'int', 0],
  ['-0', 'int', 0],
  ['0x17', 'int', 23],
  ['0x_1F', 'int', 31],
  ['0b101', 'int', 5],
  ['1_000', 'int', 1000],
  ['+12', 'int', 12],
  ['4688', 'int', 4688],
  ['12:30', 'int', 750],
  ['1:00:00', 'int', 3600],
  ['12:60', 'str', '12:60'],
  ['012:30', 'str', '012:30'],
  ['1:30.5', 'float', 90.5],
  ['1.5', 'float', 1.5],
  ['1.', 'float', 1],
  ['.5', 'float', 0.5],
  ['-.5', 'str', '-.5'],
  ['.inf', 'float', Infinity],
  ['-.Inf', 'float', -Infinity],
  ['.NaN', 'float', NaN],
  ['~', 'null', null],
  ['null', 'null', null],
  ['Null', 'null', null],
  ['NULL', 'null', null],
  ['nULL', 'str', 'nULL'],
  ['', 'null', null],
  ['2024-01-01', 'timestamp', '2024-01-01'],
  ['2024-1-1', 'str', '2024-1-1'],
  ['2024-1-1 10:00:00', 'timestamp', '2024-1-1 10:00:00'],
  ['2024-01-01T10:00:00.5Z', 'timestamp', '2024-01-01T10:00:00.5Z'],
  ['2021/06/01', 'str', '2021/06/01'],
  ['0x', 'str', '0x'],
  ['1_', 'int', 1],
];

describe('resolvePlainScalar (PyYAML YAML 1.1 resolution)', () => {
  it.each(PYYAML_CASES)('%j resolves to %s %j', (text, type, value) => {
    const resolved = resolvePlainScalar(text);
    expect(resolved?.type).toBe(type);
    expect(resolved?.value).toEqual(value);
  });

  it('keeps integers beyond 2^53 as their exact decimal text', () => {
    expect(resolvePlainScalar('0x7FFFFFFFFFFFFFFF')).toEqual({
      type: 'int',
      value: '9223372036854775807',
      unsafeInteger: true,
    });
  });

  it.each(['=', '0x_', '0b_', '+0b_'])('%j is one PyYAML cannot construct', (text) => {
    expect(resolvePlainScalar(text)).toBeUndefined();
  });

  it('resolves << as the merge type', () => {
    expect(resolvePlainScalar('<<')?.type).toBe('merge');
  });
});

describe('constructTagged', () => {
  it.each([
    ['tag:yaml.org,2002:str', '010', '010'],
    ['!', 'yes', 'yes'],
    ['tag:yaml.org,2002:int', '010', 8],
    ['tag:yaml.org,2002:bool', 'on', true],
    ['tag:yaml.org,2002:null', 'anything', null],
    ['tag:yaml.org,2002:float', '010', 10],
    ['tag:yaml.org,2002:float', '1.5', 1.5],
  ])('%s %j gives %j', (tag, text, value) => {
    expect(constructTagged(tag, text)?.value).toEqual(value);
  });

  it.each([
    ['tag:yaml.org,2002:int', 'abc'],
    ['tag:yaml.org,2002:bool', 'y'],
    ['!custom', 'x'],
    ['tag:yaml.org,2002:binary', 'AAAA'],
  ])('%s %j cannot be constructed', (tag, text) => {
    expect(constructTagged(tag, text)).toBeUndefined();
  });
});
