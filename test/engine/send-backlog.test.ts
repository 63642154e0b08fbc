import { describe, expect, it } from 'vitest';
import { backlogCapacity, SendBacklog } from '../../src/engine/builtin/send-backlog.js';

describe('open model send backlog (bounded ring buffer)', () => {
  it('keeps waiting sends oldest first across wrap-around', () => {
    const backlog = new SendBacklog(3);
    expect(backlog.push(1)).toBe(true);
    expect(backlog.push(2)).toBe(true);
    expect(backlog.shift()).toBe(1);
    expect(backlog.push(3)).toBe(true);
    expect(backlog.push(4)).toBe(true); // wraps to the start of the buffer
    expect([backlog.shift(), backlog.shift(), backlog.shift(), backlog.shift()]).toEqual([2, 3, 4, undefined]);
    expect(backlog.size).toBe(0);
  });

  it('refuses a send when full, so an overloaded target cannot grow it; the caller counts that send as dropped', () => {
    const backlog = new SendBacklog(2);
    let dropped = 0;
    for (const dueMs of [10, 20, 30, 40, 50]) if (!backlog.push(dueMs)) dropped++;
    expect(backlog.size).toBe(2);
    expect(dropped).toBe(3);
    expect(backlog.peek()).toBe(10);
    // Room again once the oldest goes out: the bound is on what waits, not on what was ever queued.
    expect(backlog.shift()).toBe(10);
    expect(backlog.push(60)).toBe(true);
    expect([backlog.shift(), backlog.shift()]).toEqual([20, 60]);
  });

  it('sizes the bound from the peak rate and the timeout, within 1024 and 2^20 entries', () => {
    expect(backlogCapacity(100, 30_000, 2000)).toBe(5000);
    expect(backlogCapacity(1, 1000, 0)).toBe(1024);
    expect(backlogCapacity(1_000_000, 60_000, 2000)).toBe(1 << 20);
  });
});
