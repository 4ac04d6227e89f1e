/**
 * Registries by id, per request. DescribeRegistries takes no ids: it lists the registries the
 * caller may describe (on AWS, only the caller's own; the emulator lists its whole fixture). So a
 * batch of ids walks that listing, page by page, until every id is found or the listing ends; pages
 * are fetched once per request and go through the upstream wrapper, whose cache keeps them across
 * requests. The caller's own registry is the first one listed.
 *
 * GetRegistryCatalogData takes no registryId either: it answers the caller's own registry's display
 * name, so only that registry has one here.
 */
import type { Registry } from '@aws-sdk/client-ecr-public';
import DataLoader from 'dataloader';
import type { RequestUpstream } from '../../ecr/guard/upstream';
import { ErrorCode, GatewayError } from '../../errors';
import { constraintsOf } from '../../model/constraints';

/** The key that names the caller's own registry, whatever its id. */
export const OWN_REGISTRY = '';
/** The largest DescribeRegistries page, from the API model (MaxResults). */
const PAGE_SIZE = constraintsOf('MaxResults').range?.max ?? 1000;

export interface RegistryLoaders {
  /** By 12-digit id, or OWN_REGISTRY. An unknown id is a REGISTRY_NOT_FOUND error for that key alone. */
  registry: DataLoader<string, Registry, string>;
  /** The caller's own registry's display name (GetRegistryCatalogData), once per request. */
  ownDisplayName(): Promise<string | null>;
  /** Lets later lookups in this request reuse registries a listing already fetched. */
  primeRegistries(registries: Registry[]): void;
}

interface Page {
  registries: Registry[];
  nextToken: string | undefined;
}

export function createRegistryLoaders(upstream: RequestUpstream): RegistryLoaders {
  const pages: Promise<Page | null>[] = [];

  /** The listing's `index`-th page, or null past its end; each page asked for once per request. */
  function pageAt(index: number): Promise<Page | null> {
    let page = pages[index];
    if (!page) {
      const previous = index === 0 ? Promise.resolve(null) : pageAt(index - 1);
      page = previous.then(async (before) => {
        if (index > 0 && !before?.nextToken) return null;
        const nextToken = before?.nextToken;
        const output = await upstream.send('DescribeRegistries', {
          maxResults: PAGE_SIZE,
          ...(nextToken ? { nextToken } : {}),
        });
        return { registries: output.registries ?? [], nextToken: output.nextToken };
      });
      pages[index] = page;
    }
    return page;
  }

  const registry = new DataLoader<string, Registry, string>(async (ids) => {
    const found = new Map<string, Registry>();
    const wanted = () => ids.some((id) => !found.has(id));
    for (let index = 0; wanted(); index++) {
      const page = await pageAt(index);
      if (!page) break;
      const [first] = page.registries;
      if (index === 0 && first) found.set(OWN_REGISTRY, first);
      for (const r of page.registries) if (r.registryId) found.set(r.registryId, r);
    }
    return ids.map(
      (id) =>
        found.get(id) ??
        new GatewayError(
          ErrorCode.REGISTRY_NOT_FOUND,
          id === OWN_REGISTRY
            ? 'ECR Public lists no registry for the caller'
            : `No registry with id '${id}' that ECR Public describes to the caller (it describes the caller's own)`,
        ),
    );
  });

  let displayName: Promise<string | null> | undefined;
  return {
    registry,
    ownDisplayName() {
      displayName ??= upstream
        .send('GetRegistryCatalogData', {})
        .then((output) => output.registryCatalogData?.displayName ?? null);
      return displayName;
    },
    primeRegistries(registries) {
      for (const r of registries) if (r.registryId) registry.prime(r.registryId, r);
    },
  };
}
