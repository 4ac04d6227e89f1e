/**
 * The Redis stores on their own, against a real redis-server: two links stand for two replicas.
 * What the process-level suite (redis.test.ts) cannot see closely: answers and errors handed from
 * the replica that called to the one that waited, dates surviving the trip, and every store
 * answering from memory at once when Redis is gone.
 */

import { createRateLimiter } from '../../src/ecr/guard/rate-limit';
import { ErrorCode, GatewayError } from '../../src/errors';
import { createRedisCache } from '../../src/redis/cache-store';
import { createRedisCoalescer } from '../../src/redis/coalescer';
import { createRedisLink, type RedisLink } from '../../src/redis/link';
import { createRedisRateLimiter } from '../../src/redis/rate-limiter';
import { describeWithRedis, freePort, type RedisServer, startRedis } from '../helpers/redis';

function whenUp(link: RedisLink): Promise<void> {
  return new Promise((resolve) => {
    if (link.up()) resolve();
    else link.onChange((up) => up && resolve());
  });
}
function whenDown(link: RedisLink): Promise<void> {
  return new Promise((resolve) => link.onChange((up) => !up && resolve()));
}

describeWithRedis('Redis stores', () => {
  let redis: RedisServer;
  let one: RedisLink;
  let two: RedisLink;
  const prefix = 'test:';

  beforeAll(async () => {
    redis = await startRedis(await freePort());
    one = createRedisLink(redis.url);
    two = createRedisLink(redis.url);
    await Promise.all([whenUp(one), whenUp(two)]);
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    await redis?.kill();
  });

  it('hands the caller’s answer to a waiting replica, and its GatewayError too', async () => {
    const first = createRedisCoalescer(one, { prefix, waitMs: 5000 });
    const second = createRedisCoalescer(two, { prefix, waitMs: 5000 });
    let release: (value: { n: number }) => void = () => undefined;
    const calling = first.run('answer', () => new Promise<{ n: number }>((resolve) => (release = resolve)));
    // Replica two asks while replica one's call is in flight: it must not call.
    const fetch = jest.fn(async () => ({ n: 2 }));
    const waiting = second.run('answer', fetch);
    await new Promise((resolve) => setTimeout(resolve, 50));
    release({ n: 1 });
    expect(await calling).toEqual({ value: { n: 1 }, shared: false });
    expect(await waiting).toEqual({ value: { n: 1 }, shared: true });
    expect(fetch).not.toHaveBeenCalled();

    let fail: (error: Error) => void = () => undefined;
    const failing = first.run('error', () => new Promise<object>((_resolve, reject) => (fail = reject)));
    const hearing = second.run('error', fetch);
    await new Promise((resolve) => setTimeout(resolve, 50));
    fail(new GatewayError(ErrorCode.REPOSITORY_NOT_FOUND, 'no such repository'));
    await expect(failing).rejects.toThrow('no such repository');
    await expect(hearing).rejects.toMatchObject({
      code: ErrorCode.REPOSITORY_NOT_FOUND,
      message: 'no such repository',
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('shares cached answers with their dates intact', async () => {
    const pushed = new Date('2024-05-02T08:30:00Z');
    await createRedisCache(one, { prefix, ttlMs: 10_000 }).set('k', { imageDetails: [{ imagePushedAt: pushed }] });
    const read = (await createRedisCache(two, { prefix, ttlMs: 10_000 }).getShared('k')) as {
      imageDetails: { imagePushedAt: Date }[];
    };
    expect(read.imageDetails[0]?.imagePushedAt).toBeInstanceOf(Date);
    expect(read.imageDetails[0]?.imagePushedAt.getTime()).toBe(pushed.getTime());
  });

  it('answers from memory at once while Redis is gone, and shares again once it is back', async () => {
    const cache = createRedisCache(one, { prefix, ttlMs: 10_000 });
    const coalescer = createRedisCoalescer(one, { prefix, waitMs: 5000 });
    const limiter = createRedisRateLimiter(one, {
      maxPerSecond: 5,
      key: `${prefix}rl`,
      fallback: createRateLimiter(5),
    });
    const down = whenDown(one);
    await redis.kill();
    await down;

    const started = performance.now();
    await cache.set('gone', { a: 1 });
    expect(cache.getLocal('gone')).toEqual({ a: 1 });
    expect(await cache.getShared('other')).toBeUndefined();
    expect(await coalescer.run('gone', async () => ({ b: 2 }))).toEqual({ value: { b: 2 }, shared: false });
    await Promise.all(Array.from({ length: 5 }, () => limiter.acquire()));
    expect(performance.now() - started).toBeLessThan(100);

    // Back on the same port: both links reconnect by themselves and share again.
    redis = await startRedis(redis.port);
    await Promise.all([whenUp(one), whenUp(two)]);
    await cache.set('back', { c: 3 });
    expect(await createRedisCache(two, { prefix, ttlMs: 10_000 }).getShared('back')).toEqual({ c: 3 });
  });
});
