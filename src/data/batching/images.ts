/**
 * Images by tag or digest, per request: one DataLoader per repository, at most 100 ids a
 * DescribeImages call (the API model's ImageIdentifierList limit). Results are matched to keys by
 * digest and tag, never by position: AWS returns them in no set order. A missing id becomes an
 * error for that key alone (isolate-missing.ts).
 */
import type { ImageDetail, ImageIdentifier } from '@aws-sdk/client-ecr-public';
import DataLoader from 'dataloader';
import type { RequestUpstream } from '../../ecr/guard/upstream';
import { ErrorCode, GatewayError } from '../../errors';
import { constraintsOf } from '../../model/constraints';
import { fetchIsolatingMissing, isCode } from './isolate-missing';
import { type ImageRef, repositoryKey } from './refs';

const IMAGE_IDS_PER_CALL = constraintsOf('ImageIdentifierList').length?.max ?? 100;

export type ImageLoader = DataLoader<ImageRef, ImageDetail, string>;

export interface ImageLoaders {
  /** The loader of one repository's images. */
  of(registryId: string | undefined, repositoryName: string): ImageLoader;
  /** Lets later lookups in this request reuse images a listing already fetched. */
  prime(images: readonly ImageDetail[]): void;
}

const imageKey = (ref: ImageRef): string =>
  ref.imageDigest !== undefined ? `@${ref.imageDigest}` : `:${ref.imageTag}`;

/** AWS names the first missing image: "The image with imageId {imageDigest:'null', imageTag:'v9'} does not exist ..." */
function namedImages(error: unknown, refs: ImageRef[]): ImageRef[] {
  const match = /imageDigest:'([^']*)', imageTag:'([^']*)'/.exec((error as Error).message);
  if (!match) return [];
  const [, digest, tag] = match;
  return refs.filter((ref) =>
    ref.imageDigest !== undefined ? ref.imageDigest === digest : digest === 'null' && ref.imageTag === tag,
  );
}

function matchImage(ref: ImageRef, found: ImageDetail[]): ImageDetail | undefined {
  return ref.imageDigest !== undefined
    ? found.find((image) => image.imageDigest === ref.imageDigest)
    : found.find((image) => image.imageTags?.includes(ref.imageTag) ?? false);
}

function createImageLoader(upstream: RequestUpstream, registryId: string | undefined, repositoryName: string) {
  async function load(refs: readonly ImageRef[]): Promise<(ImageDetail | Error)[]> {
    const { found, missing } = await fetchIsolatingMissing([...refs], {
      fetch: async (batch) => {
        const imageIds: ImageIdentifier[] = batch.map((ref) => ({ ...ref }));
        const output = await upstream.send('DescribeImages', { registryId, repositoryName, imageIds });
        return output.imageDetails ?? [];
      },
      isMissing: isCode(ErrorCode.IMAGE_NOT_FOUND),
      named: namedImages,
    });
    return refs.map(
      (ref) =>
        (missing.get(ref) as Error | undefined) ??
        matchImage(ref, found) ??
        new GatewayError(
          ErrorCode.IMAGE_NOT_FOUND,
          `No image ${imageKey(ref).slice(1)} in repository '${repositoryName}'`,
        ),
    );
  }
  return new DataLoader<ImageRef, ImageDetail, string>(load, {
    maxBatchSize: IMAGE_IDS_PER_CALL,
    cacheKeyFn: imageKey,
  });
}

export function createImageLoaders(upstream: RequestUpstream): ImageLoaders {
  const loaders = new Map<string, ImageLoader>();
  function of(registryId: string | undefined, repositoryName: string): ImageLoader {
    const key = repositoryKey(registryId, repositoryName);
    let loader = loaders.get(key);
    if (!loader) {
      loader = createImageLoader(upstream, registryId, repositoryName);
      loaders.set(key, loader);
    }
    return loader;
  }
  return {
    of,
    prime(details) {
      for (const image of details) {
        if (!image.imageDigest || !image.repositoryName) continue;
        const loader = of(image.registryId, image.repositoryName);
        loader.prime({ imageDigest: image.imageDigest }, image);
        for (const imageTag of image.imageTags ?? []) loader.prime({ imageTag }, image);
      }
    },
  };
}
