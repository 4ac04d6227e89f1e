/**
 * The fixture as the operations read it: registries, repositories and images with their wire shapes
 * built once, and indexes by registry id, repository name, digest and tag, so a lookup is O(1) and a
 * page is a slice.
 */
import type {
  Fixture,
  FixtureImage,
  FixtureRegistry,
  FixtureRepository,
  FixtureRepositoryCatalogData,
} from './fixture-types';
import { lazyJson } from './json';
import { builtContentOf, imageDigestOf } from './registry/derive';
import type {
  ImageDetailWire,
  ImageTagDetailWire,
  ReferencedImageDetailWire,
  RegistryWire,
  RepositoryWire,
} from './wire-types';

export interface StoredImage {
  readonly digest: string;
  readonly tags: readonly string[];
  /** DescribeImages' item; also the source of ReferencedImageDetail. */
  readonly detail: ImageDetailWire;
  /** `detail` as JSON. */
  readonly json: () => string;
}

export interface StoredRepository {
  readonly registryId: string;
  readonly name: string;
  readonly arn: string;
  /** What this repository was built from (images as they now stand): mutations rebuild from it. */
  readonly source: FixtureRepository;
  readonly wire: RepositoryWire;
  readonly catalogData: FixtureRepositoryCatalogData | undefined;
  readonly tags: readonly { Key: string; Value?: string }[];
  /** In fixture order. */
  readonly images: readonly StoredImage[];
  readonly byDigest: ReadonlyMap<string, StoredImage>;
  readonly byTag: ReadonlyMap<string, StoredImage>;
  /** Every tag of every image as JSON, images in fixture order, each image's tags in its order. */
  tagDetails(): readonly string[];
}

export interface StoredRegistry {
  readonly id: string;
  readonly source: FixtureRegistry;
  readonly wire: RegistryWire;
  readonly displayName: string | undefined;
  /** In fixture order. */
  readonly repositories: readonly StoredRepository[];
  readonly byName: ReadonlyMap<string, StoredRepository>;
  /** Puts `repository` in the place of the one of its name (the control API's mutations). */
  replace(repository: StoredRepository): void;
}

export interface Store {
  readonly registries: readonly StoredRegistry[];
  /** The first registry: the caller's own, meant when a request names no registryId. */
  readonly own: StoredRegistry;
  registry(registryId: string | undefined): StoredRegistry | undefined;
}

/** Epoch seconds, as timestamps go on the wire. */
export const epochSeconds = (iso: string): number => Date.parse(iso) / 1000;

/** The alias a registry's URIs use: its primary alias, or without one its id. */
function uriName(registry: FixtureRegistry): string {
  return registry.aliases?.find((a) => a.primaryRegistryAlias)?.name ?? registry.registryId;
}

function buildImage(registryId: string, repositoryName: string, image: FixtureImage): StoredImage {
  const imageDigest = imageDigestOf(image);
  const detail: ImageDetailWire = { registryId, repositoryName, imageDigest };
  const tags = image.imageTags ?? [];
  // An untagged image carries no imageTags member at all.
  if (tags.length) detail.imageTags = [...tags];
  const size = image.imageSizeInBytes ?? builtContentOf(image)?.sizeInBytes;
  if (size !== undefined) detail.imageSizeInBytes = size;
  if (image.imagePushedAt !== undefined) detail.imagePushedAt = epochSeconds(image.imagePushedAt);
  const mediaType = image.imageManifestMediaType ?? image.content?.mediaType;
  if (mediaType !== undefined) detail.imageManifestMediaType = mediaType;
  const artifactMediaType = image.artifactMediaType ?? builtContentOf(image)?.artifactMediaType;
  if (artifactMediaType !== undefined) detail.artifactMediaType = artifactMediaType;
  return { digest: imageDigest, tags, detail, json: lazyJson(detail) };
}

function referenced({
  imageDigest,
  imageSizeInBytes,
  imagePushedAt,
  imageManifestMediaType,
  artifactMediaType,
}: ImageDetailWire) {
  const r: ReferencedImageDetailWire = { imageDigest };
  if (imageSizeInBytes !== undefined) r.imageSizeInBytes = imageSizeInBytes;
  if (imagePushedAt !== undefined) r.imagePushedAt = imagePushedAt;
  if (imageManifestMediaType !== undefined) r.imageManifestMediaType = imageManifestMediaType;
  if (artifactMediaType !== undefined) r.artifactMediaType = artifactMediaType;
  return r;
}

export function buildRepository(registry: FixtureRegistry, repo: FixtureRepository): StoredRepository {
  const registryId = registry.registryId;
  const name = repo.repositoryName;
  const arn = `arn:aws:ecr-public::${registryId}:repository/${name}`;
  const wire: RepositoryWire = {
    repositoryArn: arn,
    registryId,
    repositoryName: name,
    repositoryUri: `public.ecr.aws/${uriName(registry)}/${name}`,
  };
  if (repo.createdAt !== undefined) wire.createdAt = epochSeconds(repo.createdAt);
  const images = (repo.images ?? []).map((i) => buildImage(registryId, name, i));
  const byDigest = new Map(images.map((i) => [i.digest, i]));
  const byTag = new Map<string, StoredImage>();
  for (const image of images) for (const tag of image.tags) byTag.set(tag, image);
  let tagDetails: string[] | undefined;
  return {
    registryId,
    name,
    arn,
    source: {
      ...repo,
      // Every image with its digest, given or built: what mutations match images by.
      images: (repo.images ?? []).map((i) => ({
        ...i,
        imageDigest: imageDigestOf(i),
        imageTags: [...(i.imageTags ?? [])],
      })),
    },
    wire,
    // Copies: a caller may go on editing its fixture object.
    catalogData: repo.catalogData && structuredClone(repo.catalogData),
    tags: structuredClone(repo.tags ?? []),
    images,
    byDigest,
    byTag,
    tagDetails() {
      // The tag's own creation time is not in the fixture: a tag is as old as the push that set it.
      tagDetails ??= images.flatMap((image) => {
        const imageDetail = referenced(image.detail);
        return image.tags.map((imageTag) => {
          const d: ImageTagDetailWire = { imageTag, imageDetail };
          if (imageDetail.imagePushedAt !== undefined) d.createdAt = imageDetail.imagePushedAt;
          return JSON.stringify(d);
        });
      });
      return tagDetails;
    },
  };
}

function buildRegistry(registry: FixtureRegistry): StoredRegistry {
  const id = registry.registryId;
  const repositories = registry.repositories.map((r) => buildRepository(registry, r));
  const byName = new Map(repositories.map((r) => [r.name, r]));
  return {
    id,
    source: registry,
    wire: {
      registryId: id,
      registryArn: `arn:aws:ecr-public::${id}:registry/${id}`,
      registryUri: `public.ecr.aws/${uriName(registry)}`,
      verified: registry.verified ?? false,
      aliases: (registry.aliases ?? []).map((a) => ({ ...a })),
    },
    displayName: registry.catalogData?.displayName,
    repositories,
    byName,
    replace(repository) {
      const at = repositories.findIndex((r) => r.name === repository.name);
      if (at >= 0) repositories[at] = repository;
      byName.set(repository.name, repository);
    },
  };
}

/** `fixture` must have passed validateFixture. */
export function createStore(fixture: Fixture): Store {
  const registries = fixture.registries.map(buildRegistry);
  const own = registries[0];
  if (!own) throw new Error('a fixture needs at least one registry');
  const byId = new Map(registries.map((r) => [r.id, r]));
  return {
    registries,
    own,
    registry: (registryId) => (registryId === undefined ? own : byId.get(registryId)),
  };
}
