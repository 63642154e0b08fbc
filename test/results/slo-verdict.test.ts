import { describe, expect, it } from 'vitest';
import { sloVerdict } from '../../src/results/slo-verdict.js';
import { fakePointResult } from '../fakes/fake-driver.js';

describe('SLO verdict', () => {
  it('fails a point with no successful response even with no limits set', () => {
    const allFailed = fakePointResult({ latenciesMs: [1, 1, 1], errors: 3 });
    expect(sloVerdict({}, allFailed)).toEqual({ pass: false, reasons: ['no successful response (3 requests, all failed: http_503 3)'] });
    expect(sloVerdict({}, fakePointResult({ latenciesMs: [] }))).toEqual({ pass: false, reasons: ['no successful response (no request completed)'] });
  });

  it('passes a clean point and fails one over the error limit', () => {
    expect(sloVerdict({ errorPct: 1 }, fakePointResult({ latenciesMs: [1, 2, 3] }))).toEqual({ pass: true, reasons: [] });
    expect(sloVerdict({ errorPct: 1 }, fakePointResult({ latenciesMs: [1, 2, 3, 4], errors: 1 })).reasons).toEqual(['error rate 25% is over the limit of 1%']);
  });
});
