/** GetRepositoryCatalogData: a repository's Gallery metadata. */
import { AwsError } from '../errors';
import { validateRequest } from '../request-validation';
import type { Store } from '../store';
import { findRepository } from './common';

interface GetRepositoryCatalogDataInput {
  registryId?: string;
  repositoryName: string;
}

export function getRepositoryCatalogData(raw: unknown, store: Store) {
  const input = validateRequest<GetRepositoryCatalogDataInput>('GetRepositoryCatalogData', raw);
  const repository = findRepository(store, input.registryId, input.repositoryName);
  if (!repository.catalogData) {
    // The model declares RepositoryCatalogDataNotFoundException ("The repository catalog data doesn't
    // exist.") for this case, and the emulator follows it. The live API may instead answer a
    // repository created without catalog data with an empty `catalogData` (not verified here, for
    // want of an account); clients should treat both as "no catalog data".
    throw new AwsError(
      'RepositoryCatalogDataNotFoundException',
      `The repository catalog data does not exist for the repository with name '${repository.name}' in the registry with id '${repository.registryId}'`,
    );
  }
  return { catalogData: { ...repository.catalogData } };
}
