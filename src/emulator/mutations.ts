/**
 * The catalog changed at run time (the control API's push, untag and delete): each rebuilds the one
 * repository it touches from its source, so DescribeImages, DescribeImageTags and every index agree.
 * A registry served beside the catalog reads the same Store, so it sees each change too.
 */
import { validateFixture } from './fixture';
import type { FixtureImage, FixtureRepository } from './fixture-types';
import { imageDigestOf } from './registry/derive';
import { buildRepository, type Store, type StoredRegistry, type StoredRepository } from './store';

/** A change the control API refuses: `status` 400 (bad input) or 404 (nothing of that name). */
export class ControlError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

export interface Target {
  registryId?: string | undefined;
  repositoryName: string;
}

export interface EmulatorControl {
  /** Adds `image`, or sets the tags of the image with its digest (a named tag moves to it). */
  push(target: Target & { image: FixtureImage }): FixtureImage;
  /** Removes a tag; returns the digest that had it. */
  untag(target: Target & { tag: string }): string;
  /** Removes an image; returns the tags it had. */
  delete(target: Target & { imageDigest: string }): string[];
}

function locate(store: Store, { registryId, repositoryName }: Target): [StoredRegistry, StoredRepository] {
  const registry = store.registry(registryId);
  if (!registry) throw new ControlError(404, `no registry '${registryId}'`);
  const repository = registry.byName.get(repositoryName);
  if (!repository) throw new ControlError(404, `no repository '${repositoryName}' in registry ${registry.id}`);
  return [registry, repository];
}

function rebuild(registry: StoredRegistry, repository: StoredRepository, images: FixtureImage[]): StoredRepository {
  const next = buildRepository(registry.source, { ...repository.source, images });
  registry.replace(next);
  return next;
}

const images = (repository: StoredRepository): FixtureImage[] =>
  (repository.source.images ?? []).map((i) => ({ ...i, imageTags: [...(i.imageTags ?? [])] }));

/** `image` checked as a fixture image of this repository; a bad one is a ControlError 400. */
function checkedImage(registry: StoredRegistry, repository: StoredRepository, image: unknown): FixtureImage {
  const probe: FixtureRepository = { repositoryName: repository.name, images: [image as FixtureImage] };
  try {
    validateFixture({ registries: [{ registryId: registry.id, repositories: [probe] }] }, '(push)');
  } catch (error) {
    throw new ControlError(400, (error as Error).message.replace('registries[0].repositories[0].images[0]', 'image'));
  }
  const checked = structuredClone(image as FixtureImage);
  return { ...checked, imageDigest: imageDigestOf(checked) };
}

/**
 * Adds `image`, or, when an image of its digest is there, sets that image's tags to its `imageTags`.
 * A tag it names moves from the image that had it. Returns the image as stored.
 */
export function pushImage(store: Store, target: Target, image: unknown): FixtureImage {
  const [registry, repository] = locate(store, target);
  const pushed = checkedImage(registry, repository, image);
  const tags = new Set(pushed.imageTags ?? []);
  const list = images(repository).map((i) => ({ ...i, imageTags: (i.imageTags ?? []).filter((t) => !tags.has(t)) }));
  const existing = list.find((i) => i.imageDigest === pushed.imageDigest);
  if (existing) existing.imageTags = [...tags];
  else list.push({ ...pushed, imageTags: [...tags] });
  rebuild(registry, repository, list);
  return existing ?? pushed;
}

/** Removes `tag` from the image that has it; returns that image's digest. */
export function untagImage(store: Store, target: Target, tag: string): string {
  const [registry, repository] = locate(store, target);
  const holder = repository.byTag.get(tag);
  if (!holder) throw new ControlError(404, `no tag '${tag}' in repository '${repository.name}'`);
  const list = images(repository).map((i) => ({ ...i, imageTags: (i.imageTags ?? []).filter((t) => t !== tag) }));
  rebuild(registry, repository, list);
  return holder.digest;
}

/** Removes the image of `digest`, its tags with it; returns the tags it had. */
export function deleteImage(store: Store, target: Target, digest: string): string[] {
  const [registry, repository] = locate(store, target);
  const gone = repository.byDigest.get(digest);
  if (!gone) throw new ControlError(404, `no image '${digest}' in repository '${repository.name}'`);
  rebuild(
    registry,
    repository,
    images(repository).filter((i) => i.imageDigest !== digest),
  );
  return [...gone.tags];
}
