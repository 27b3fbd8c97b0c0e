// The shared read of the audit head: concurrent requests share reads, but none uses a read that
// began before it arrived, so a change committed before a request is always seen by it.
import { describe, expect, it } from 'vitest';
import { SharedRead } from './freshness.js';

/** A counter read that the test completes by hand, recording what each read saw. */
function manualSource() {
  let value = 0;
  const pending: (() => void)[] = [];
  let reads = 0;
  const fetch = () =>
    new Promise<number>((resolve) => {
      reads += 1;
      const seen = value;
      pending.push(() => resolve(seen));
    });
  return {
    fetch,
    write: () => (value += 1),
    finishOne: async () => {
      pending.shift()!();
      await new Promise((r) => setImmediate(r));
    },
    reads: () => reads,
  };
}

describe('shared read of the audit head', () => {
  it('serves a lone request from a read of its own, at once', async () => {
    const source = manualSource();
    const shared = new SharedRead(source.fetch);
    const first = shared.read();
    await source.finishOne();
    expect(await first).toBe(0);
    expect(source.reads()).toBe(1);
  });

  it('gives requests that arrive during a read the next read, which sees a write committed before they arrived', async () => {
    const source = manualSource();
    const shared = new SharedRead(source.fetch);
    const early = shared.read();
    source.write();
    const late = Array.from({ length: 50 }, () => shared.read());
    expect(source.reads()).toBe(1);
    await source.finishOne();
    expect(await early).toBe(0);
    expect(source.reads()).toBe(2);
    await source.finishOne();
    expect(await Promise.all(late)).toEqual(Array.from({ length: 50 }, () => 1));
    expect(source.reads()).toBe(2);
  });

  it('recovers from a failed read: the requests queued behind it read again', async () => {
    let calls = 0;
    const shared = new SharedRead(async () => {
      calls += 1;
      if (calls === 1) throw new Error('connection lost');
      return 7;
    });
    const failing = shared.read();
    const queued = shared.read();
    await expect(failing).rejects.toThrow('connection lost');
    expect(await queued).toBe(7);
  });
});
