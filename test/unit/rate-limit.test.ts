import { createRateLimiter } from '../../src/ecr/guard/rate-limit';

describe('createRateLimiter', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('never starts more than the limit in any one-second window, and queues the rest in order', async () => {
    const limiter = createRateLimiter(5, () => Date.now());
    const started: { n: number; at: number }[] = [];
    const all = Array.from({ length: 23 }, (_, n) => limiter.acquire().then(() => started.push({ n, at: Date.now() })));
    await jest.advanceTimersByTimeAsync(0);
    expect(started).toHaveLength(5);
    expect(limiter.queued()).toBe(18);
    await jest.advanceTimersByTimeAsync(5000);
    await Promise.all(all);
    expect(started.map((s) => s.n)).toEqual(Array.from({ length: 23 }, (_, n) => n));
    // Sliding window: for every call, the calls that started within the second before it are < 5.
    for (const call of started) {
      const inWindow = started.filter((other) => other.at > call.at - 1000 && other.at <= call.at);
      expect(inWindow.length).toBeLessThanOrEqual(5);
    }
  });

  it('lets a queued caller give up when its signal aborts', async () => {
    const limiter = createRateLimiter(1, () => Date.now());
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    expect(limiter.queued()).toBe(0);
  });
});
