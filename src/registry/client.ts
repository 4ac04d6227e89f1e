/**
 * The registry client: the OCI Distribution API of ECR Public's registry (or any registry named by
 * ECR_PUBLIC_REGISTRY_URL), a small client on `fetch`; README "Image contents" says why no library.
 *   - every request carries the bearer token its repository last got; a 401 with a Bearer
 *     challenge fetches one (tokens.ts) and the request is sent once more;
 *   - manifests are asked with an `Accept` of every OCI and Docker manifest type (media-types.ts);
 *   - blobs follow the registry's redirect to their location, which is no registry request;
 *   - the sha256 of every manifest and blob is checked against the digest it was asked by (and a
 *     tag's against `Docker-Content-Digest`): a mismatch is UPSTREAM_ERROR and never kept or served;
 *   - digest-addressed content is kept as immutable, tags and listings for the TTL (content-store.ts).
 * Only the data layer calls it (src/data/registry/), through `forRequest`; resolvers never do.
 */
import { createHash } from 'node:crypto';
import type { CallStats } from '../ecr/guard/call-stats';
import type { CacheStore } from '../ecr/guard/stores';
import type { ContentStore, StoredContent } from './content-store';
import { type RegistryCallKind, registryHttpError, registryMalformed } from './errors';
import { fetchReferrers, fetchTags, type Referrer, type TagPage } from './listings';
import { MANIFEST_ACCEPT } from './media-types';
import type { Tokens } from './tokens';
import type { RegistryAnswer, Transport } from './transport';
import { parseBearerChallenge } from './www-authenticate';

export type { Referrer, TagPage } from './listings';

export interface Manifest {
  digest: string;
  mediaType: string;
  bytes: Buffer;
}

/** The registry as one request sees it: every request it makes is counted in its `stats`. */
export interface RequestRegistry {
  /** A manifest by tag or digest, as served (index, manifest list or image manifest). */
  manifest(repository: string, reference: string): Promise<Manifest>;
  /** A blob (a config) by digest. */
  blob(repository: string, digest: string): Promise<Buffer>;
  /** One page of tags/list: `n` tags after `last` (null: from the start). */
  tags(repository: string, n: number, last: string | null): Promise<TagPage>;
  /** The Referrers API's descriptors of the manifests that refer to `digest`. */
  referrers(repository: string, digest: string, artifactType: string | undefined): Promise<Referrer[]>;
}

export interface RegistryClient {
  forRequest(stats: CallStats): RequestRegistry;
  /** False while the registry's breaker is open. */
  healthy(): boolean;
}

export interface RegistryClientOptions {
  /** ECR_PUBLIC_REGISTRY_URL, without a trailing slash. */
  baseUrl: string;
  transport: Transport;
  tokens: Tokens;
  /** Digest-addressed content; undefined: none kept (UPSTREAM_CACHE_TTL_MS=0). */
  contents: ContentStore | undefined;
  /** Tags, tag listings and referrers for the TTL; undefined: none kept. */
  listings: CacheStore | undefined;
}

export const DIGEST = /^sha256:[0-9a-f]{64}$/;
export const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** A header's media type without its parameters. */
const mediaTypeOf = (header: string | null): string => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const { baseUrl, transport, tokens, contents, listings } = options;
  /** Content being fetched now, shared by concurrent requests of this process. */
  const inFlight = new Map<string, Promise<StoredContent>>();

  async function authorized(
    kind: RegistryCallKind,
    repository: string,
    path: string,
    accept: string | undefined,
    stats: CallStats,
    what: string,
  ): Promise<RegistryAnswer> {
    const url = `${baseUrl}${path}`;
    const headersWith = (token: string | undefined): Record<string, string> => ({
      ...(accept ? { accept } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    });
    let token = tokens.current(repository);
    let answer = await transport.send(kind, url, headersWith(token), stats, what);
    const challenge = answer.status === 401 ? parseBearerChallenge(answer.headers.get('www-authenticate')) : undefined;
    if (challenge) {
      token = await tokens.obtain(repository, challenge, stats, token);
      answer = await transport.send(kind, url, headersWith(token), stats, what);
    }
    return answer;
  }

  /**
   * Kept content named by `digest`, or one fetch of it shared by whoever asks meanwhile; kept once
   * verified. Another replica's copy is verified again: what Redis returns is not trusted blindly.
   */
  async function immutable(key: string, digest: string, fetch: () => Promise<StoredContent>): Promise<StoredContent> {
    const local = contents?.getLocal(key);
    if (local) return local;
    const pending = inFlight.get(key);
    if (pending) return pending;
    const flight = (async () => {
      const shared = await contents?.getShared(key);
      if (shared && sha256(shared.bytes) === digest) return shared;
      const fetched = await fetch();
      await contents?.set(key, fetched);
      return fetched;
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, flight);
    return flight;
  }

  async function fetchManifest(repository: string, reference: string, stats: CallStats): Promise<Manifest> {
    const what = `manifest ${repository}:${reference}`;
    const answer = await authorized(
      'manifest',
      repository,
      `/v2/${repository}/manifests/${reference}`,
      MANIFEST_ACCEPT,
      stats,
      what,
    );
    if (answer.status !== 200) throw registryHttpError(answer.status, answer.body, 'manifest', what);
    const digest = sha256(answer.body);
    const claimed = DIGEST.test(reference) ? reference : answer.headers.get('docker-content-digest');
    if (claimed && claimed !== digest) throw registryMalformed(what, `has sha256 ${digest}, not ${claimed}`);
    let mediaType = mediaTypeOf(answer.headers.get('content-type'));
    try {
      const parsed = JSON.parse(answer.body.toString('utf8')) as { mediaType?: unknown };
      if (typeof parsed?.mediaType === 'string') mediaType = parsed.mediaType;
    } catch {
      throw registryMalformed(what, 'is not JSON');
    }
    return { digest, mediaType, bytes: answer.body };
  }

  const manifestKey = (repository: string, digest: string) => `manifest:${repository}@${digest}`;

  async function manifest(repository: string, reference: string, stats: CallStats): Promise<Manifest> {
    if (DIGEST.test(reference)) {
      const kept = await immutable(manifestKey(repository, reference), reference, () =>
        fetchManifest(repository, reference, stats),
      );
      return { digest: reference, ...kept };
    }
    const tagKey = `registry-tag:${repository}:${reference}`;
    const tagged = (listings?.getLocal(tagKey) ?? (await listings?.getShared(tagKey))) as
      | { digest?: string }
      | undefined;
    const known = tagged?.digest ? contents?.getLocal(manifestKey(repository, tagged.digest)) : undefined;
    if (tagged?.digest && known) return { digest: tagged.digest, ...known };
    const fetched = await fetchManifest(repository, reference, stats);
    await Promise.all([
      contents?.set(manifestKey(repository, fetched.digest), { mediaType: fetched.mediaType, bytes: fetched.bytes }),
      listings?.set(tagKey, { digest: fetched.digest }),
    ]);
    return fetched;
  }

  async function fetchBlob(repository: string, digest: string, stats: CallStats): Promise<StoredContent> {
    const what = `blob ${repository}@${digest}`;
    let answer = await authorized('blob', repository, `/v2/${repository}/blobs/${digest}`, undefined, stats, what);
    const location = answer.status >= 300 && answer.status < 400 ? answer.headers.get('location') : null;
    if (location) answer = await transport.follow(new URL(location, `${baseUrl}/v2/`).href, what);
    if (answer.status !== 200) throw registryHttpError(answer.status, answer.body, 'blob', what);
    const actual = sha256(answer.body);
    if (actual !== digest) throw registryMalformed(what, `has sha256 ${actual}, not ${digest}`);
    return { mediaType: 'application/octet-stream', bytes: answer.body };
  }

  return {
    forRequest: (stats) => ({
      manifest: (repository, reference) => manifest(repository, reference, stats),
      blob: async (repository, digest) =>
        (await immutable(`blob:${repository}@${digest}`, digest, () => fetchBlob(repository, digest, stats))).bytes,
      tags: (repository, n, last) =>
        fetchTags(
          { listings, send: (path, what) => authorized('tags', repository, path, undefined, stats, what) },
          repository,
          n,
          last,
        ),
      referrers: (repository, digest, artifactType) =>
        fetchReferrers(
          { listings, send: (path, what) => authorized('referrers', repository, path, undefined, stats, what) },
          repository,
          digest,
          artifactType,
        ),
    }),
    healthy: transport.healthy,
  };
}
