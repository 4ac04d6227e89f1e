/**
 * The registry the gateway reads image contents from (CONTRACT.md "Image contents"): where it is,
 * its own request budget, and the memory its immutable content may take. A leaf, as index.ts is.
 */
import { ConfigError, type Env, parseInteger, text } from './parse';

export interface RegistrySettings {
  /** The OCI Distribution endpoint (ECR_PUBLIC_REGISTRY_URL), without a trailing slash. @default 'https://public.ecr.aws' */
  url: string;
  /**
   * The most registry requests in any sliding second, for every replica together with REDIS_URL
   * (REGISTRY_MAX_RPS). Unset: 10 (AWS's authenticated pull rate) once GetAuthorizationToken has
   * answered, else 1 (the anonymous rate).
   */
  maxRps: number | undefined;
  /** Memory cap of the digest-addressed content cache (REGISTRY_CACHE_MAX_BYTES). @default 33554432 */
  cacheMaxBytes: number;
}

export const DEFAULT_REGISTRY_URL = 'https://public.ecr.aws';

function registryUrl(env: Env): string {
  const raw = text(env, 'ECR_PUBLIC_REGISTRY_URL') ?? DEFAULT_REGISTRY_URL;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    throw new ConfigError('ECR_PUBLIC_REGISTRY_URL', `'${raw}' is not an http or https URL`);
  }
  return url.href.replace(/\/+$/, '');
}

export function registrySettingsOf(env: Env): RegistrySettings {
  const maxRps =
    text(env, 'REGISTRY_MAX_RPS') === undefined ? undefined : parseInteger(env, 'REGISTRY_MAX_RPS', 1, 1, 100_000);
  return {
    url: registryUrl(env),
    maxRps,
    cacheMaxBytes: parseInteger(env, 'REGISTRY_CACHE_MAX_BYTES', 32 * 1024 * 1024, 0, 2 ** 40),
  };
}
