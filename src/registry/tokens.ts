/**
 * Bearer tokens for the registry, by the challenge that asked for them (realm, service, scope):
 * fetched from the challenge's realm, anonymously or, when AWS credentials are configured, with
 * Basic auth of GetAuthorizationToken's `AWS:<password>`; kept until shortly before they expire
 * (`expires_in`, 60 s when absent, as Docker's token specification says). Concurrent requests that
 * need the same token share one fetch. A rejected Basic login falls back to an anonymous token.
 */
import type { CallStats } from '../ecr/guard/call-stats';
import { registryHttpError, registryMalformed } from './errors';
import type { Transport } from './transport';
import type { BearerChallenge } from './www-authenticate';

/** GetAuthorizationToken's base64 `AWS:<password>`, or undefined to pull anonymously. */
export type RegistryCredentials = (stats: CallStats | undefined) => Promise<string | undefined>;

interface Held {
  token: string;
  expiresAt: number;
}

export interface Tokens {
  /** The token last used for this repository, while it is valid. */
  current(repository: string): string | undefined;
  /** A token for this challenge; `stale`, a token the registry just refused, is never handed out again. */
  obtain(repository: string, challenge: BearerChallenge, stats: CallStats | undefined, stale?: string): Promise<string>;
  /** Whether the last token was obtained with credentials; undefined before the first. */
  authenticated(): boolean | undefined;
}

/** Renewed this long before it expires, so no request leaves with a token about to lapse. */
const MARGIN_MS = 10_000;
const DEFAULT_LIFETIME_S = 60;

const keyOf = (c: BearerChallenge): string => JSON.stringify([c.realm, c.service ?? '', c.scope ?? '']);

export function createTokens(
  transport: Transport,
  credentials?: RegistryCredentials,
  now: () => number = Date.now,
): Tokens {
  const held = new Map<string, Held>();
  const byRepository = new Map<string, string>();
  const pending = new Map<string, Promise<string>>();
  let withCredentials: boolean | undefined;

  async function request(challenge: BearerChallenge, basic: string | undefined, stats: CallStats | undefined) {
    const url = new URL(challenge.realm);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    if (challenge.scope) url.searchParams.set('scope', challenge.scope);
    const headers: Record<string, string> = basic ? { authorization: `Basic ${basic}` } : {};
    return transport.send('token', url.href, headers, stats, 'a registry token');
  }

  async function fetchToken(challenge: BearerChallenge, stats: CallStats | undefined): Promise<string> {
    const basic = credentials ? await credentials(stats) : undefined;
    let answer = await request(challenge, basic, stats);
    let used = basic !== undefined;
    if (used && (answer.status === 401 || answer.status === 403)) {
      answer = await request(challenge, undefined, stats);
      used = false;
    }
    if (answer.status !== 200) throw registryHttpError(answer.status, answer.body, 'token', 'a registry token');
    withCredentials = used;
    let parsed: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(answer.body.toString('utf8'));
    } catch {
      throw registryMalformed('a registry token', 'is not JSON');
    }
    const token = typeof parsed?.token === 'string' ? parsed.token : parsed?.access_token;
    if (typeof token !== 'string' || token === '') throw registryMalformed('a registry token', 'has no token');
    const lifetime =
      typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : DEFAULT_LIFETIME_S;
    held.set(keyOf(challenge), { token, expiresAt: now() + lifetime * 1000 - Math.min(MARGIN_MS, lifetime * 500) });
    return token;
  }

  const valid = (key: string | undefined): string | undefined => {
    const entry = key === undefined ? undefined : held.get(key);
    return entry && entry.expiresAt > now() ? entry.token : undefined;
  };

  return {
    current: (repository) => valid(byRepository.get(repository) ?? byRepository.get('')),
    async obtain(repository, challenge, stats, stale) {
      const key = keyOf(challenge);
      byRepository.set(repository, key);
      // A challenge that names no repository (ECR Public's `scope="aws"`) serves every repository.
      if (!challenge.scope?.startsWith('repository:')) byRepository.set('', key);
      const cached = valid(key);
      if (cached && cached !== stale) return cached;
      let flight = pending.get(key);
      if (!flight) {
        flight = fetchToken(challenge, stats).finally(() => pending.delete(key));
        pending.set(key, flight);
      }
      return flight;
    },
    authenticated: () => withCredentials,
  };
}
