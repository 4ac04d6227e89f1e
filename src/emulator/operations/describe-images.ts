/** DescribeImages: a page of a repository's images in fixture order, or the images of up to 100 ids. */

import { defaultPageSize } from '../../model';
import { JsonList } from '../json';
import { paginate } from '../pagination';
import { invalidParameter, validateRequest } from '../request-validation';
import type { Store, StoredImage, StoredRepository } from '../store';
import { findRepository, type ImageId, imageNotFound, inNoSetOrder, tokenScope } from './common';

interface DescribeImagesInput {
  registryId?: string;
  repositoryName: string;
  imageIds?: ImageId[];
  nextToken?: string;
  maxResults?: number;
}

/** The image an id names: by digest, by tag, or by both when they agree. */
export function findImage(repository: StoredRepository, id: ImageId): StoredImage | undefined {
  const byDigest = id.imageDigest === undefined ? undefined : repository.byDigest.get(id.imageDigest);
  if (id.imageTag === undefined) return byDigest;
  const byTag = repository.byTag.get(id.imageTag);
  return id.imageDigest === undefined || byDigest === byTag ? byTag : undefined;
}

/** Every image the ids name, each once; the whole call fails on the first id that names none. */
export function findImages(repository: StoredRepository, ids: ImageId[]): StoredImage[] {
  const found = new Set<StoredImage>();
  for (const id of ids) {
    const image = findImage(repository, id);
    if (!image) throw imageNotFound(id, repository);
    found.add(image);
  }
  return inNoSetOrder([...found], (i) => i.digest);
}

/** The checks the model cannot state; its documentation: "If you specify images with imageIds, you can't use this option." */
export function checkImageIds(input: { imageIds?: ImageId[]; nextToken?: string; maxResults?: number }): void {
  if (!input.imageIds) return;
  if (input.nextToken !== undefined || input.maxResults !== undefined) {
    throw invalidParameter('imageIds', 'imageIds cannot be used with nextToken or maxResults');
  }
  if (input.imageIds.some((id) => id.imageDigest === undefined && id.imageTag === undefined)) {
    throw invalidParameter('imageIds', 'Each image identifier must have an imageDigest or an imageTag');
  }
}

export function describeImages(raw: unknown, store: Store) {
  const input = validateRequest<DescribeImagesInput>('DescribeImages', raw);
  checkImageIds(input);
  const repository = findRepository(store, input.registryId, input.repositoryName);
  if (input.imageIds)
    return { imageDetails: new JsonList(findImages(repository, input.imageIds).map((i) => i.json())) };
  const scope = tokenScope('DescribeImages', repository.registryId, repository.name);
  const { page, nextToken } = paginate(repository.images, input, scope, defaultPageSize('DescribeImages'));
  return { imageDetails: new JsonList(page.map((i) => i.json())), nextToken };
}
