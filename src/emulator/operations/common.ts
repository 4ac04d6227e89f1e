/** What several operations share: repository lookup, AWS's not-found wordings, by-id result order. */
import { AwsError } from '../errors';
import { fnv1a } from '../prng';
import type { Store, StoredRepository } from '../store';

// Wordings as ECR answers them (also moto's moto/ecr/exceptions.py).
export function repositoryNotFound(repositoryName: string, registryId: string): AwsError {
  return new AwsError(
    'RepositoryNotFoundException',
    `The repository with name '${repositoryName}' does not exist in the registry with id '${registryId}'`,
  );
}

export function imageNotFound(id: ImageId, repository: StoredRepository): AwsError {
  const imageId = `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`;
  return new AwsError(
    'ImageNotFoundException',
    `The image with imageId ${imageId} does not exist within the repository with name '${repository.name}' in the registry with id '${repository.registryId}'`,
  );
}

export interface ImageId {
  imageDigest?: string;
  imageTag?: string;
}

/** The repository a request names; an unknown registry holds no repositories. */
export function findRepository(store: Store, registryId: string | undefined, repositoryName: string): StoredRepository {
  const repository = store.registry(registryId)?.byName.get(repositoryName);
  if (!repository) throw repositoryNotFound(repositoryName, registryId ?? store.own.id);
  return repository;
}

/** The id every page token of one listing is bound to. */
export function tokenScope(operation: string, registryId: string, repositoryName = ''): string {
  return `${operation}\n${registryId}\n${repositoryName}`;
}

/**
 * AWS answers by-id calls in no set order. A deterministic order that is neither the request's nor
 * the fixture's keeps clients honest: they must match results by digest, tag or name.
 */
export function inNoSetOrder<T>(items: T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, rank: fnv1a(key(item)) }))
    .sort((a, b) => a.rank - b.rank)
    .map((x) => x.item);
}
