/** DescribeRepositories: a page of a registry's repositories in fixture order, or up to 100 by name. */
import { defaultPageSize } from '../../model';
import { paginate } from '../pagination';
import { invalidParameter, validateRequest } from '../request-validation';
import type { Store, StoredRepository } from '../store';
import { inNoSetOrder, repositoryNotFound, tokenScope } from './common';

interface DescribeRepositoriesInput {
  registryId?: string;
  repositoryNames?: string[];
  nextToken?: string;
  maxResults?: number;
}

export function describeRepositories(raw: unknown, store: Store) {
  const input = validateRequest<DescribeRepositoriesInput>('DescribeRepositories', raw);
  // The model: "If you specify repositories with repositoryNames, you can't use this option."
  if (input.repositoryNames && (input.nextToken !== undefined || input.maxResults !== undefined)) {
    throw invalidParameter('repositoryNames', 'repositoryNames cannot be used with nextToken or maxResults');
  }
  const registryId = input.registryId ?? store.own.id;
  const registry = store.registry(registryId);
  if (input.repositoryNames) {
    const found = new Set<StoredRepository>();
    for (const name of input.repositoryNames) {
      const repository = registry?.byName.get(name);
      if (!repository) throw repositoryNotFound(name, registryId);
      found.add(repository);
    }
    return { repositories: inNoSetOrder([...found], (r) => r.name).map((r) => r.wire) };
  }
  // A registry the caller cannot see lists as one without repositories: the operation declares no
  // RegistryNotFoundException, and there is no repository name to report missing.
  const all = registry?.repositories ?? [];
  const scope = tokenScope('DescribeRepositories', registryId);
  const { page, nextToken } = paginate(all, input, scope, defaultPageSize('DescribeRepositories'));
  return { repositories: page.map((r) => r.wire), nextToken };
}
