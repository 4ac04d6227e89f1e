/**
 * The environment's values, read and checked: each parser names the variable in the ConfigError
 * it throws. A leaf, as config/index.ts is.
 */

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

export function parsePort(env: Env, name: string, fallback: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 0 || port > 65535) {
    throw new ConfigError(name, `'${raw}' is not a port (0 to 65535)`);
  }
  return port;
}

export function parseInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `'${raw}' is not a whole number from ${min} to ${max}`);
  }
  return value;
}

export function parseBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `'${raw}' is not true or false`);
}

export function parseChoice<T extends string>(env: Env, name: string, fallback: T, choices: readonly T[]): T {
  const raw = text(env, name) ?? fallback;
  if (!choices.includes(raw as T)) throw new ConfigError(name, `'${raw}' is not one of ${choices.join(', ')}`);
  return raw as T;
}

export function parseRedisUrl(env: Env, name: string): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  // The value is not echoed: it may hold a password.
  if (!/^rediss?:\/\/[^/]/.test(raw)) throw new ConfigError(name, 'is not a redis:// or rediss:// URL');
  return raw;
}

/**
 * A comma-separated list of web origins (`https://app.example.com`, a port if not the default), in
 * the form browsers send in `Origin`. `*` and `null` are refused: the list names the origins
 * trusted with credentials, and neither names one.
 */
export function parseOrigins(env: Env, name: string): string[] {
  const origins: string[] = [];
  for (const item of (text(env, name) ?? '').split(',')) {
    const raw = item.trim();
    if (raw === '') continue;
    if (raw === '*') throw new ConfigError(name, "'*' is the default (any origin, without credentials); list origins");
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.href !== `${url.origin}/`) {
      throw new ConfigError(name, `'${raw}' is not an origin (http or https, a host, a port at most; no path)`);
    }
    origins.push(url.origin);
  }
  return origins;
}
