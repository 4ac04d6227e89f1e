/**
 * Repositories by name, per request: at most 100 names a DescribeRepositories call (the API model's
 * RepositoryNameList limit), one call per registry named. Results are matched by name, never by
 * position; a missing name is an error for that key alone (isolate-missing.ts).
 */
import type { Repository } from '@aws-sdk/client-ecr-public';
import DataLoader from 'dataloader';
import type { RequestUpstream } from '../../ecr/guard/upstream';
import { ErrorCode, GatewayError } from '../../errors';
import { constraintsOf } from '../../model/constraints';
import { fetchIsolatingMissing, isCode } from './isolate-missing';
import { type RepositoryRef, repositoryKey } from './refs';

const REPOSITORY_NAMES_PER_CALL = constraintsOf('RepositoryNameList').length?.max ?? 100;

export type RepositoryLoader = DataLoader<RepositoryRef, Repository, string>;

/** "The repository with name 'x' does not exist in the registry with id '...'" */
function namedRepositories(error: unknown, names: string[]): string[] {
  const match = /repository with name '([^']*)'/.exec((error as Error).message);
  return match ? names.filter((name) => name === match[1]) : [];
}

/** The names asked for, by the registry named: one DescribeRepositories call names one registry. */
function byRegistry(refs: readonly RepositoryRef[]): Map<string | undefined, string[]> {
  const grouped = new Map<string | undefined, string[]>();
  for (const ref of refs) {
    const names = grouped.get(ref.registryId) ?? [];
    if (!names.includes(ref.repositoryName)) names.push(ref.repositoryName);
    grouped.set(ref.registryId, names);
  }
  return grouped;
}

export function createRepositoryLoader(upstream: RequestUpstream): RepositoryLoader {
  /** One registry's names; every outcome, found, missing or failed, lands in `outcomes`. */
  async function loadRegistry(
    registryId: string | undefined,
    names: string[],
    outcomes: Map<string, Repository | Error>,
  ): Promise<void> {
    try {
      const { found, missing } = await fetchIsolatingMissing(names, {
        fetch: async (batch) =>
          (await upstream.send('DescribeRepositories', { registryId, repositoryNames: batch })).repositories ?? [],
        isMissing: isCode(ErrorCode.REPOSITORY_NOT_FOUND),
        named: namedRepositories,
      });
      for (const name of names) {
        const hit = found.find((repo) => repo.repositoryName === name);
        // Asked for without a registryId: later asks that name the registry reuse the answer.
        if (hit && registryId === undefined) loader.prime({ registryId: hit.registryId, repositoryName: name }, hit);
        outcomes.set(
          repositoryKey(registryId, name),
          (missing.get(name) as Error | undefined) ??
            hit ??
            new GatewayError(ErrorCode.REPOSITORY_NOT_FOUND, `No repository named '${name}'`),
        );
      }
    } catch (error) {
      for (const name of names) outcomes.set(repositoryKey(registryId, name), error as Error);
    }
  }

  const loader: RepositoryLoader = new DataLoader<RepositoryRef, Repository, string>(
    async (refs) => {
      const outcomes = new Map<string, Repository | Error>();
      await Promise.all([...byRegistry(refs)].map(([registryId, names]) => loadRegistry(registryId, names, outcomes)));
      return refs.map(
        (ref) =>
          outcomes.get(repositoryKey(ref.registryId, ref.repositoryName)) ?? new Error('repository not resolved'),
      );
    },
    {
      maxBatchSize: REPOSITORY_NAMES_PER_CALL,
      cacheKeyFn: (ref) => repositoryKey(ref.registryId, ref.repositoryName),
    },
  );
  return loader;
}
