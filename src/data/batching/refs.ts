/**
 * How the data layer names what it looks up. A leaf, shared by the loaders and the schema's input
 * checks that build these refs.
 */

/** An image asked for by exactly one of tag or digest. */
export type ImageRef = { imageTag: string; imageDigest?: undefined } | { imageDigest: string; imageTag?: undefined };

export interface RepositoryRef {
  /** Unset: the caller's own registry. */
  registryId?: string | undefined;
  repositoryName: string;
}

/** A repository named in full, as every answer of ECR Public names it. */
export interface RepositoryKey {
  registryId: string;
  repositoryName: string;
}

export const repositoryKey = (registryId: string | undefined, name: string): string => `${registryId ?? ''}/${name}`;
