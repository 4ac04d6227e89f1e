/**
 * What the registry lists, kept for the TTL (it changes as tags move and signatures are pushed):
 *   tags/list   a page of `n` tags after `last`, and where the next page starts (its `Link: <...>;
 *               rel="next"`, whose `last` parameter names it);
 *   referrers   the OCI 1.1 Referrers API's index of the manifests whose `subject` is a digest, filtered
 *               by `artifactType` here too when the registry did not (no `OCI-Filters-Applied`).
 */
import type { CacheStore } from '../ecr/guard/stores';
import { registryHttpError, registryMalformed } from './errors';
import type { RegistryAnswer } from './transport';

export interface TagPage {
  tags: string[];
  /** The `last` of the next page; null when this page is the last. */
  next: string | null;
}

/** A referrer as the Referrers API describes it (an OCI descriptor). */
export interface Referrer {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

export interface ListingDeps {
  listings: CacheStore | undefined;
  send(path: string, what: string): Promise<RegistryAnswer>;
}

function json(answer: RegistryAnswer, what: string): unknown {
  try {
    return JSON.parse(answer.body.toString('utf8'));
  } catch {
    throw registryMalformed(what, 'is not JSON');
  }
}

/** The `last` parameter of a `Link: <...>; rel="next"` header, if there is one. */
export function nextOf(link: string | null): string | null {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (!match || !/rel="?next"?/i.test(match[2] as string)) continue;
    return new URL(match[1] as string, 'http://registry').searchParams.get('last');
  }
  return null;
}

async function kept<T extends object>(deps: ListingDeps, key: string, fetch: () => Promise<T>): Promise<T> {
  const cached = (deps.listings?.getLocal(key) ?? (await deps.listings?.getShared(key))) as T | undefined;
  if (cached) return cached;
  const value = await fetch();
  await deps.listings?.set(key, value);
  return value;
}

export function fetchTags(deps: ListingDeps, repository: string, n: number, last: string | null): Promise<TagPage> {
  const query = new URLSearchParams({ n: String(n), ...(last === null ? {} : { last }) });
  const what = `tags of ${repository}`;
  return kept(deps, `registry-tags:${repository}?${query}`, async () => {
    const answer = await deps.send(`/v2/${repository}/tags/list?${query}`, what);
    if (answer.status !== 200) throw registryHttpError(answer.status, answer.body, 'tags', what);
    const body = json(answer, what) as { tags?: unknown };
    // A repository without tags may answer `"tags": null`.
    const tags = body?.tags ?? [];
    if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string'))
      throw registryMalformed(what, 'has no list of tags');
    return { tags: tags as string[], next: nextOf(answer.headers.get('link')) };
  });
}

const isReferrer = (value: unknown): value is Referrer => {
  const d = value as Referrer;
  return typeof d?.mediaType === 'string' && typeof d.digest === 'string' && typeof d.size === 'number';
};

export async function fetchReferrers(
  deps: ListingDeps,
  repository: string,
  digest: string,
  artifactType: string | undefined,
): Promise<Referrer[]> {
  const query = artifactType === undefined ? '' : `?${new URLSearchParams({ artifactType })}`;
  const what = `referrers of ${repository}@${digest}`;
  const { manifests } = await kept(deps, `registry-referrers:${repository}@${digest}${query}`, async () => {
    const answer = await deps.send(`/v2/${repository}/referrers/${digest}${query}`, what);
    if (answer.status !== 200) throw registryHttpError(answer.status, answer.body, 'referrers', what);
    const body = json(answer, what) as { manifests?: unknown };
    const list = body?.manifests ?? [];
    if (!Array.isArray(list) || !list.every(isReferrer)) throw registryMalformed(what, 'is no index of descriptors');
    const filtered = answer.headers.get('oci-filters-applied')?.includes('artifactType') ?? false;
    return {
      manifests: artifactType === undefined || filtered ? list : list.filter((d) => d.artifactType === artifactType),
    };
  });
  return manifests;
}
