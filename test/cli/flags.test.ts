import { describe, expect, it } from 'vitest';
import { GatebenchError } from '../../src/errors.js';
import { wholeFlag } from '../../src/cli/flags.js';
import { backendOptionsFromFlags } from '../../src/cli/commands/backend.js';
import { gatewayOptionsFromFlags } from '../../src/cli/commands/gateway.js';
import { loadOptionsFromFlags } from '../../src/cli/commands/load.js';

function failure(run: () => unknown): GatebenchError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatebenchError) return error;
    throw error;
  }
  throw new Error('expected a GatebenchError');
}

describe('wholeFlag', () => {
  it('reads whole numbers inside the range', () => {
    expect(wholeFlag('--port', '8280')).toBe(8280);
    expect(wholeFlag('--seed', '0', { min: 0 })).toBe(0);
    expect(wholeFlag('--workers', ' 4 ', { min: 1, max: 256 })).toBe(4);
    expect(wholeFlag('--port', '65535', { min: 0, max: 65535 })).toBe(65535);
    expect(wholeFlag('--offset', '-3')).toBe(-3);
  });

  it('refuses empty, blank, fractional and non-numeric text, naming the flag', () => {
    for (const text of ['', '  ', '1.5', '80a', 'NaN', 'Infinity']) {
      const error = failure(() => wholeFlag('--seed', text, { min: 0 }));
      expect(error.code).toBe('GB_INPUT_INVALID');
      expect(error.message).toBe(`--seed must be a whole number of at least 0, got "${text}"`);
    }
  });

  it('says the range it enforces', () => {
    expect(failure(() => wholeFlag('--port', 'x')).message).toBe('--port must be a whole number, got "x"');
    expect(failure(() => wholeFlag('-c', '0', { min: 1 })).message).toBe('-c must be a whole number of at least 1, got "0"');
    expect(failure(() => wholeFlag('--workers', '257', { min: 1, max: 256 })).message).toBe('--workers must be a whole number from 1 to 256, got "257"');
    expect(failure(() => wholeFlag('--workers', '0', { min: 1, max: 256 })).message).toBe('--workers must be a whole number from 1 to 256, got "0"');
    expect(failure(() => wholeFlag('--depth', '9', { max: 8 })).message).toBe('--depth must be a whole number of at most 8, got "9"');
  });
});

describe('commands reading whole-number flags', () => {
  it('keep each command\'s wording: load prefixes its flags with "load:"', () => {
    const flags = { duration: '1s', warmup: '0s', rampUp: '0s', thinkTime: '0s', header: [], workers: '1', timeout: '1s', drainTimeout: '1s', expectStatus: '2' };
    const load = failure(() => loadOptionsFromFlags('http://127.0.0.1:9/', { ...flags, connections: '' }));
    expect(load.message).toBe('load: -c/--connections must be a whole number of at least 1, got ""');
    const gateway = failure(() => gatewayOptionsFromFlags({ backend: 'x', port: '70000', host: '127.0.0.1', workers: '1', echoPrefix: '/e', mediationPrefix: '/m' }));
    expect(gateway.message).toBe('--port must be a whole number from 0 to 65535, got "70000"');
    const backend = failure(() => backendOptionsFromFlags({ port: '0', host: '127.0.0.1', adminPort: '0', adminHost: '127.0.0.1', workers: '1', seed: '1.5' }));
    expect(backend.message).toBe('--seed must be a whole number, got "1.5"');
  });
});
