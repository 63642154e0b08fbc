import { describe, expect, it } from 'vitest';
import { parseChildTimes, parseWrk } from '../../bench/wrk.js';

// wrk 4.1's output with --latency, as the benches read it.
const OUTPUT = `Running 15s test @ http://127.0.0.1:43435/echo
  2 threads and 1000 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    61.03ms  130.52ms   1.25s    95.23%
    Req/Sec     7.98k     1.92k   12.40k    70.00%
  Latency Distribution
     50%   32.10ms
     75%   35.02ms
     90%  480.00us
     99%    1.25s
  238001 requests in 15.00s, 273.71MB read
  Socket errors: connect 0, read 0, write 0, timeout 109
  Non-2xx or 3xx responses: 12
Requests/sec:  15865.40
Transfer/sec:     18.25MB
`;

describe('bench wrk parser', () => {
  it('reads req/s, mean and percentiles in ms whatever the unit, socket errors and non-2xx', () => {
    const parsed = parseWrk(OUTPUT);
    expect(parsed.requestsPerSec).toBe(15865.4);
    expect(parsed.meanLatencyMs).toBe(61.03);
    expect(parsed.percentilesMs).toEqual({ '50': 32.1, '75': 35.02, '90': 0.48, '99': 1250 });
    expect(parsed.socketErrors).toBe('connect 0, read 0, write 0, timeout 109');
    expect(parsed.non2xx).toBe(12);
    expect(parsed.requests).toBe(238001);
  });

  it("reads wrk's CPU time from the children's line of bash's times", () => {
    expect(parseChildTimes('0m0.004s 0m0.002s\n1m2.500s 0m1.250s\n')).toBeCloseTo(63.75, 9);
    expect(parseChildTimes('no times here')).toBeUndefined();
  });

  it('reads a mean in microseconds and leaves it undefined when there is no Thread Stats line', () => {
    const microseconds = OUTPUT.replace('Latency    61.03ms', 'Latency   812.50us');
    expect(parseWrk(microseconds).meanLatencyMs).toBeCloseTo(0.8125, 9);
    expect(parseWrk('Requests/sec:  10.00\n').meanLatencyMs).toBeUndefined();
  });

  it('refuses output without a Requests/sec line', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/Requests\/sec/);
  });
});
