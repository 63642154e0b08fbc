import { describe, expect, it } from 'vitest';
import { minimumPayloadBytes, sizeLabel, wso2Payload } from '../../src/payload.js';

describe('wso2Payload', () => {
  it.each([50, 1024, 10 * 1024, 100 * 1024, 1537])('builds valid JSON of exactly %i bytes', (bytes) => {
    const body = wso2Payload(bytes);
    expect(body.length).toBe(bytes);
    const parsed = JSON.parse(body.toString('utf8')) as { payload: string; size: string };
    expect(parsed.size).toBe(sizeLabel(bytes));
    expect(typeof parsed.payload).toBe('string');
  });

  it('labels sizes the way WSO2 does', () => {
    expect(sizeLabel(50)).toBe('50B');
    expect(sizeLabel(1024)).toBe('1K');
    expect(sizeLabel(102400)).toBe('100K');
  });

  it('is deterministic and refuses sizes below the JSON skeleton', () => {
    expect(wso2Payload(2048).equals(wso2Payload(2048))).toBe(true);
    expect(() => wso2Payload(minimumPayloadBytes(10) - 1)).toThrow(RangeError);
  });
});
