import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

describe('programmatic API (src/index.ts)', () => {
  it.each([
    'loadScenario',
    'planRun',
    'runPlan',
    'readRun',
    'runLoad',
    'analyzeRun',
    'planCapacity',
    'compareRuns',
    'generateReport',
    'startMockBackend',
    'startEmbeddedGateway',
  ] as const)('exports %s as a function', (name) => {
    expect(typeof api[name]).toBe('function');
  });

  it('exports builtinDriver as a Driver that runs points', () => {
    expect(api.builtinDriver.name).toBe('builtin');
    expect(typeof api.builtinDriver.runPoint).toBe('function');
    expect(api.builtinDriver.capabilities).toEqual({ openModel: true, liveProgress: true });
  });
});
