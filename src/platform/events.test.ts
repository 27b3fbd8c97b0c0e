import { describe, expect, it } from 'vitest';
import { EventBus } from './events.js';

declare module './events.js' {
  interface EventMap {
    'test.happened': { n: number };
  }
}

describe('event bus', () => {
  it('runs each handler once, in the order they subscribed, even when one subscribes twice', async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    const first = async ({ n }: { n: number }) => void seen.push(`first ${n}`);
    bus.on('test.happened', first);
    bus.on('test.happened', async ({ n }) => void seen.push(`second ${n}`));
    bus.on('test.happened', first);
    await bus.emit('test.happened', { n: 7 });
    expect(seen).toEqual(['first 7', 'second 7']);
    expect(bus.listenerCount('test.happened')).toBe(2);
  });

  it('gives a handler’s error to the emitter and stops there', async () => {
    const bus = new EventBus();
    const seen: number[] = [];
    bus.on('test.happened', async () => {
      throw new Error('listener failed');
    });
    bus.on('test.happened', async ({ n }) => void seen.push(n));
    await expect(bus.emit('test.happened', { n: 1 })).rejects.toThrow('listener failed');
    expect(seen).toEqual([]);
  });

  it('with no subscriber, emitting does nothing', async () => {
    const bus = new EventBus();
    await bus.emit('test.happened', { n: 1 });
    expect(bus.listenerCount('test.happened')).toBe(0);
  });
});
