import { describe, expect, it } from 'vitest';
import { formatSize, parseDurationMs, parseMillisecondsFlag, parsePercent, parseRateRps, parseSizeBytes } from '../../src/scenario/units.js';

describe('units', () => {
  it('refuses a bare number of time (other than 0), saying how to write it', () => {
    expect(() => parseDurationMs('10')).toThrow('10 has no unit; write 10s or 10ms');
    expect(() => parseDurationMs(5)).toThrow('5 has no unit; write 5s or 5ms');
    expect(() => parseDurationMs(' 30 ')).toThrow('30 has no unit; write 30s or 30ms');
    expect(parseMillisecondsFlag('30')).toBe(30);
    expect(parseMillisecondsFlag('1s')).toBe(1000);
  });

  it('parses durations', () => {
    expect(parseDurationMs('500ms')).toBe(500);
    expect(parseDurationMs('30s')).toBe(30_000);
    expect(parseDurationMs('1m30s')).toBe(90_000);
    expect(parseDurationMs('0')).toBe(0);
    expect(parseDurationMs(0)).toBe(0);
    expect(() => parseDurationMs('10 parsecs')).toThrow(/not a duration/);
  });

  it('parses sizes the way WSO2 labels them', () => {
    expect(parseSizeBytes('50B')).toBe(50);
    expect(parseSizeBytes('1KiB')).toBe(1024);
    expect(parseSizeBytes('100KiB')).toBe(102_400);
    expect(parseSizeBytes('1K')).toBe(1024);
    expect(parseSizeBytes('1kB')).toBe(1000);
    expect(() => parseSizeBytes('1.5B')).toThrow(/whole number/);
    expect(() => parseSizeBytes('ten')).toThrow(/not a size/);
    expect(formatSize(10_240)).toBe('10KiB');
  });

  it('parses rates and percentages', () => {
    expect(parseRateRps('500/s')).toBe(500);
    expect(parseRateRps('60/m')).toBe(1);
    expect(() => parseRateRps('0')).toThrow(/more than 0/);
    expect(parsePercent('5%')).toBe(5);
    expect(() => parsePercent('five')).toThrow(/percentage/);
  });
});
