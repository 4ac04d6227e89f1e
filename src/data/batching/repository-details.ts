/**
 * What ECR Public answers one repository at a time: its Gallery catalog data
 * (GetRepositoryCatalogData) and its resource tags (ListTagsForResource, by the repository's ARN).
 * Neither operation takes a list, so a request's asks are merged per repository by a DataLoader and
 * sent one call each, in parallel, through the guarded upstream (cache, coalescing, rate limit).
 * One repository's failure is that repository's error alone.
 */
import type { RepositoryCatalogData, Tag } from '@aws-sdk/client-ecr-public';
import DataLoader from 'dataloader';
import type { RequestUpstream } from '../../ecr/guard/upstream';
import { ErrorCode, GatewayError } from '../../errors';
import type { RepositoryKey } from './refs';

export interface RepositoryDetailLoaders {
  /** Null where the repository has no catalog data. */
  catalogData: DataLoader<RepositoryKey, RepositoryCatalogData | null, string>;
  /** By repository ARN. */
  resourceTags: DataLoader<string, Tag[], string>;
}

const keyOf = (key: RepositoryKey): string => `${key.registryId}/${key.repositoryName}`;

/**
 * The model declares RepositoryCatalogDataNotFoundException for a repository without catalog
 * data; the live API may instead answer an empty `catalogData` (see the emulator's
 * get-repository-catalog-data.ts). Both mean "none".
 */
function isEmpty(data: RepositoryCatalogData | undefined): boolean {
  return (
    !data || Object.values(data).every((value) => value === undefined || (Array.isArray(value) && value.length === 0))
  );
}

/** One call per key, in parallel; a failure is its key's alone. */
function eachOnItsOwn<K, V>(keys: readonly K[], call: (key: K) => Promise<V>): Promise<(V | Error)[]> {
  return Promise.all(keys.map((key) => call(key).catch((error: unknown) => error as Error)));
}

export function createRepositoryDetailLoaders(upstream: RequestUpstream): RepositoryDetailLoaders {
  const catalogData = new DataLoader<RepositoryKey, RepositoryCatalogData | null, string>(
    (keys) =>
      eachOnItsOwn(keys, async ({ registryId, repositoryName }) => {
        try {
          const output = await upstream.send('GetRepositoryCatalogData', { registryId, repositoryName });
          return isEmpty(output.catalogData) ? null : (output.catalogData as RepositoryCatalogData);
        } catch (error) {
          if (error instanceof GatewayError && error.code === ErrorCode.CATALOG_DATA_NOT_FOUND) return null;
          throw error;
        }
      }),
    { cacheKeyFn: keyOf },
  );

  const resourceTags = new DataLoader<string, Tag[], string>((arns) =>
    eachOnItsOwn(arns, async (resourceArn) => (await upstream.send('ListTagsForResource', { resourceArn })).tags ?? []),
  );

  return { catalogData, resourceTags };
}
