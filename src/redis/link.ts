/**
 * The process's connections to Redis (REDIS_URL) and the one verdict on whether to use them.
 * Redis is an accelerator here, never a dependency: commands fail at once while disconnected and
 * time out quickly while it is slow, every store falls back to memory while `up()` is false, and
 * the link reconnects and re-checks by itself.
 */
import { Redis, type RedisOptions } from 'ioredis';

export interface RedisLink {
  /** Ordinary commands; send them through `attempt`. */
  commands: Redis;
  /** Pub/sub only (a subscribed connection runs no other command). */
  subscriber: Redis;
  /**
   * One more connection whose every key gets `keyPrefix`, for a library that names its own keys
   * (@envelop/response-cache-redis); its commands go through `attempt` like the others'.
   */
  prefixed(keyPrefix: string): Redis;
  /** Both connections ready, and no command failed since Redis last answered. */
  up(): boolean;
  /**
   * Runs one command within the link's deadline. A failure or a timeout marks Redis down until a
   * probe answers, and rejects: the caller falls back to memory.
   */
  attempt<T>(command: (redis: Redis) => Promise<T>, connection?: Redis): Promise<T>;
  /**
   * Called when the link first knows whether Redis answers, then on every change of `up()`, with
   * the last error seen when it went down.
   */
  onChange(listener: (up: boolean, reason: string) => void): void;
  /** Disconnects every connection; resolves once they are all closed. */
  close(): Promise<void>;
}

export interface RedisLinkOptions {
  /** Deadline of one Redis command; past it the caller falls back to memory. @default 150 */
  commandTimeoutMs?: number;
  /** How often Redis is probed (PING) to notice that it is slow or back. @default 1000 */
  probeIntervalMs?: number;
}

export function createRedisLink(url: string, options: RedisLinkOptions = {}): RedisLink {
  const timeoutMs = options.commandTimeoutMs ?? 150;
  const settings: RedisOptions = {
    // A backstop only: `attempt` keeps the real deadline, immune to a busy event loop.
    commandTimeout: Math.max(2000, 10 * timeoutMs),
    connectTimeout: Math.max(1000, timeoutMs),
    // Fail at once while disconnected instead of queueing: the caller falls back to memory.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Reconnect forever, backing off to one attempt a second.
    retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
  };
  const commands = new Redis(url, settings);
  const subscriber = new Redis(url, settings);
  const extra: Redis[] = [];
  const listeners: ((up: boolean, reason: string) => void)[] = [];
  let suspect = false;
  /** Undefined until the first connection succeeds or fails. */
  let state: boolean | undefined;
  let lastError = '';

  function update(): void {
    const now = commands.status === 'ready' && subscriber.status === 'ready' && !suspect;
    // Still connecting (one connection ready, the other not yet) is no news.
    if (now === state || (state === undefined && !now && lastError === '')) return;
    state = now;
    for (const listener of listeners) listener(now, now ? 'ready' : lastError || 'connection closed');
  }
  function failed(error: unknown): void {
    lastError = error instanceof Error ? error.message : String(error);
    suspect = true;
    update();
  }
  function answered(): void {
    suspect = false;
    lastError = '';
    update();
  }

  function attempt<T>(command: (redis: Redis) => Promise<T>, connection = commands): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const timer = setTimeout(() => {
        // A busy event loop runs this late, when the answer may already wait in the socket: the
        // verdict waits for one turn of I/O (setImmediate runs after the poll phase).
        setImmediate(() =>
          settle(() => {
            const error = new Error(`Redis did not answer within ${timeoutMs} ms`);
            failed(error);
            reject(error);
          }),
        );
      }, timeoutMs);
      command(connection).then(
        (value) => settle(() => resolve(value)),
        (error: unknown) =>
          settle(() => {
            failed(error);
            reject(error);
          }),
      );
    });
  }

  for (const client of [commands, subscriber]) {
    // A fresh connection is a fresh start; a slow Redis is caught again by the next command or probe.
    client.on('ready', answered);
    client.on('close', update);
    client.on('error', (error: Error) => {
      lastError = error.message;
      update();
    });
  }
  const probe = setInterval(() => {
    if (commands.status === 'ready') attempt((redis) => redis.ping()).then(answered, () => undefined);
  }, options.probeIntervalMs ?? 1000);
  probe.unref();

  return {
    commands,
    subscriber,
    prefixed(keyPrefix) {
      const client = new Redis(url, { ...settings, keyPrefix });
      // Its state follows the others' (same server); errors must not go unhandled.
      client.on('error', () => undefined);
      extra.push(client);
      return client;
    },
    up: () => state === true,
    attempt,
    onChange: (listener) => {
      listeners.push(listener);
    },
    async close() {
      clearInterval(probe);
      const clients = [commands, subscriber, ...extra];
      // Only a connection with a live socket reports its end; one waiting to reconnect just stops.
      const ended = clients.map((client) =>
        ['connecting', 'connect', 'ready'].includes(client.status)
          ? new Promise((resolve) => client.once('end', resolve))
          : undefined,
      );
      for (const client of clients) client.disconnect();
      await Promise.all(ended);
    },
  };
}
