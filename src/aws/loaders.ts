/**
 * Per-request DataLoaders: images by tag or digest (one loader per repository, at most 100 ids a
 * DescribeImages call, the API model's ImageIdentifierList limit) and repositories by name (100 a
 * DescribeRepositories call, RepositoryNameList). Results are matched to keys by digest, tag and
 * name, never by position: AWS returns them in no set order. A missing id becomes an error for
 * that key alone (isolate.ts). Registries (registries.ts) and what ECR Public answers one
 * repository at a time (repository-details.ts) join them here.
 */
import type { ImageDetail, ImageIdentifier, Repository } from '@aws-sdk/client-ecr-public';
import DataLoader from 'dataloader';
import { constraintsOf } from '../model/constraints';
import { ErrorCode, GatewayError } from './errors';
import { fetchIsolatingMissing } from './isolate';
import { createRegistryLoaders, type RegistryLoaders } from './registries';
import { createRepositoryDetailLoaders, type RepositoryDetailLoaders } from './repository-details';
import type { CallStats, Upstream } from './upstream';

const IMAGE_IDS_PER_CALL = constraintsOf('ImageIdentifierList').length?.max ?? 100;
const REPOSITORY_NAMES_PER_CALL = constraintsOf('RepositoryNameList').length?.max ?? 100;

/** An image asked for by exactly one of tag or digest. */
export type ImageRef = { imageTag: string; imageDigest?: undefined } | { imageDigest: string; imageTag?: undefined };

export interface RepositoryRef {
  /** Unset: the caller's own registry. */
  registryId?: string | undefined;
  repositoryName: string;
}

export interface Loaders extends RegistryLoaders, RepositoryDetailLoaders {
  repository: DataLoader<RepositoryRef, Repository, string>;
  images(registryId: string | undefined, repositoryName: string): DataLoader<ImageRef, ImageDetail, string>;
  /** Lets later lookups in this request reuse images a listing already fetched. */
  primeImages(images: ImageDetail[]): void;
  primeRepositories(repositories: Repository[]): void;
}

const imageKey = (ref: ImageRef): string =>
  ref.imageDigest !== undefined ? `@${ref.imageDigest}` : `:${ref.imageTag}`;
const repositoryKey = (registryId: string | undefined, name: string): string => `${registryId ?? ''}/${name}`;

function isCode(code: ErrorCode) {
  return (error: unknown): boolean => error instanceof GatewayError && error.code === code;
}

/** AWS names the first missing image: "The image with imageId {imageDigest:'null', imageTag:'v9'} does not exist ..." */
function namedImages(error: unknown, refs: ImageRef[]): ImageRef[] {
  const match = /imageDigest:'([^']*)', imageTag:'([^']*)'/.exec((error as Error).message);
  if (!match) return [];
  const [, digest, tag] = match;
  return refs.filter((ref) =>
    ref.imageDigest !== undefined ? ref.imageDigest === digest : digest === 'null' && ref.imageTag === tag,
  );
}

/** "The repository with name 'x' does not exist in the registry with id '...'" */
function namedRepositories(error: unknown, names: string[]): string[] {
  const match = /repository with name '([^']*)'/.exec((error as Error).message);
  return match ? names.filter((name) => name === match[1]) : [];
}

function matchImage(ref: ImageRef, found: ImageDetail[]): ImageDetail | undefined {
  return ref.imageDigest !== undefined
    ? found.find((image) => image.imageDigest === ref.imageDigest)
    : found.find((image) => image.imageTags?.includes(ref.imageTag) ?? false);
}

function notFound(code: ErrorCode, message: string): GatewayError {
  return new GatewayError(code, message);
}

export function createLoaders(upstream: Upstream, stats?: CallStats): Loaders {
  const imageLoaders = new Map<string, DataLoader<ImageRef, ImageDetail, string>>();

  function images(registryId: string | undefined, repositoryName: string): DataLoader<ImageRef, ImageDetail, string> {
    const key = repositoryKey(registryId, repositoryName);
    let loader = imageLoaders.get(key);
    if (!loader) {
      loader = new DataLoader<ImageRef, ImageDetail, string>(
        async (refs) => {
          const { found, missing } = await fetchIsolatingMissing([...refs], {
            fetch: async (batch) => {
              const imageIds: ImageIdentifier[] = batch.map((ref) => ({ ...ref }));
              const output = await upstream.send('DescribeImages', { registryId, repositoryName, imageIds }, stats);
              return output.imageDetails ?? [];
            },
            isMissing: isCode(ErrorCode.IMAGE_NOT_FOUND),
            named: namedImages,
          });
          return refs.map(
            (ref) =>
              (missing.get(ref) as Error | undefined) ??
              matchImage(ref, found) ??
              notFound(
                ErrorCode.IMAGE_NOT_FOUND,
                `No image ${imageKey(ref).slice(1)} in repository '${repositoryName}'`,
              ),
          );
        },
        { maxBatchSize: IMAGE_IDS_PER_CALL, cacheKeyFn: imageKey },
      );
      imageLoaders.set(key, loader);
    }
    return loader;
  }

  const repository = new DataLoader<RepositoryRef, Repository, string>(
    async (refs) => {
      // One DescribeRepositories call names one registry: group by it.
      const byRegistry = new Map<string | undefined, string[]>();
      for (const ref of refs) {
        const names = byRegistry.get(ref.registryId) ?? [];
        if (!names.includes(ref.repositoryName)) names.push(ref.repositoryName);
        byRegistry.set(ref.registryId, names);
      }
      const outcomes = new Map<string, Repository | Error>();
      await Promise.all(
        [...byRegistry].map(async ([registryId, names]) => {
          try {
            const { found, missing } = await fetchIsolatingMissing(names, {
              fetch: async (batch) =>
                (await upstream.send('DescribeRepositories', { registryId, repositoryNames: batch }, stats))
                  .repositories ?? [],
              isMissing: isCode(ErrorCode.REPOSITORY_NOT_FOUND),
              named: namedRepositories,
            });
            for (const name of names) {
              const hit = found.find((repo) => repo.repositoryName === name);
              // Asked for without a registryId: later asks that name the registry reuse the answer.
              if (hit && registryId === undefined)
                repository.prime({ registryId: hit.registryId, repositoryName: name }, hit);
              outcomes.set(
                repositoryKey(registryId, name),
                (missing.get(name) as Error | undefined) ??
                  hit ??
                  notFound(ErrorCode.REPOSITORY_NOT_FOUND, `No repository named '${name}'`),
              );
            }
          } catch (error) {
            for (const name of names) outcomes.set(repositoryKey(registryId, name), error as Error);
          }
        }),
      );
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

  return {
    ...createRegistryLoaders(upstream, stats),
    ...createRepositoryDetailLoaders(upstream, stats),
    repository,
    images,
    primeImages(details) {
      for (const image of details) {
        if (!image.imageDigest || !image.repositoryName) continue;
        const loader = images(image.registryId, image.repositoryName);
        loader.prime({ imageDigest: image.imageDigest }, image);
        for (const imageTag of image.imageTags ?? []) loader.prime({ imageTag }, image);
      }
    },
    primeRepositories(repositories) {
      for (const repo of repositories) {
        if (!repo.repositoryName) continue;
        repository.prime({ registryId: repo.registryId, repositoryName: repo.repositoryName }, repo);
      }
    },
  };
}
