/**
 * Resolvers for the members AWS always sends. Their absence is a broken upstream, masked as an
 * internal error (a plain Error), never a null in a non-null field.
 */
import type { RepositoryKey } from '../../data/batching/refs';

export function required<T>(value: T | undefined | null, member: string): T {
  if (value === undefined || value === null) throw new Error(`upstream answer lacks ${member}`);
  return value;
}

/** The resolver of a required member, by name: `resolve: member('registryId')`. */
export function member<K extends string>(key: K) {
  return <P extends { [name in K]?: unknown }>(parent: P): NonNullable<P[K]> =>
    required(parent[key], key) as NonNullable<P[K]>;
}

/** The repository an SDK answer (Repository, ImageDetail) belongs to. */
export function repositoryKeyOf(parent: {
  registryId?: string | undefined;
  repositoryName?: string | undefined;
}): RepositoryKey {
  return {
    registryId: required(parent.registryId, 'registryId'),
    repositoryName: required(parent.repositoryName, 'repositoryName'),
  };
}
