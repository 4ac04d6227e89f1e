/**
 * `Image`: one image of a repository, DescribeImages' ImageDetail. A Relay node and a federation
 * entity keyed by `registryId repositoryName imageDigest`; both lookups go through the request's
 * data source, so any number of them in one request cost one call per repository per 100 ids.
 */
import type { ImageDetail, ReferencedImageDetail } from '@aws-sdk/client-ecr-public';
import type { GatewayContext } from '../context';
import { parentRepositoryCost } from '../cost';
import { builder } from './builder';
import { ImageType, RepositoryType } from './refs';
import { forwardConnection } from './support/connection';
import { member, repositoryKeyOf, required } from './support/fields';
import { type ImageKey, imageLocalId, parseImageLocalId } from './support/global-id';
import { checkImageDigest, checkRepositoryName, checkRequiredRegistryId } from './support/inputs';

/** Marks an Image built from DescribeImageTags' ReferencedImageDetail, which lacks the image's tags. */
const TAGS_UNKNOWN = Symbol('imageTagsUnknown');

/** An Image from a tag's ReferencedImageDetail: every member but `imageTags`, which loads on demand. */
export function referencedImage(
  detail: ReferencedImageDetail,
  registryId: string,
  repositoryName: string,
): ImageDetail {
  return Object.assign({ ...detail, registryId, repositoryName }, { [TAGS_UNKNOWN]: true });
}

export function loadImage(key: ImageKey, ctx: GatewayContext): Promise<ImageDetail> {
  return ctx.data.image(
    { registryId: key.registryId, repositoryName: key.repositoryName },
    { imageDigest: key.imageDigest },
  );
}

/**
 * The image's tags; for an image known by reference only, through the batched lookup by digest.
 * Synchronous when the tags are at hand: a promise per image costs graphql-jit a deferred
 * completion per row, a sixth of the execution of a page of 1,000.
 */
function imageTagsOf(image: ImageDetail, ctx: GatewayContext): string[] | Promise<string[]> {
  if (!(TAGS_UNKNOWN in image)) return image.imageTags ?? [];
  return loadImage({ ...repositoryKeyOf(image), imageDigest: required(image.imageDigest, 'imageDigest') }, ctx).then(
    (full) => full.imageTags ?? [],
  );
}

builder.node(ImageType, {
  description:
    'A container image in an ECR Public repository, identified by the sha256 digest of its manifest. ' +
    'An image may carry any number of tags, or none.',
  id: {
    resolve: (image) =>
      imageLocalId({ ...repositoryKeyOf(image), imageDigest: required(image.imageDigest, 'imageDigest') }),
  },
  loadOne: (id, ctx) => loadImage(parseImageLocalId(id), ctx),
  fields: (t) => ({
    registryId: t.string({
      description: 'The 12-digit AWS account id of the registry that holds the image.',
      resolve: member('registryId'),
    }),
    repositoryName: t.string({
      description: 'Name of the repository that holds the image, such as `team/service`.',
      resolve: member('repositoryName'),
    }),
    imageDigest: t.string({
      description: "The `sha256:` digest of the image manifest: the image's identity, stable across tags.",
      resolve: member('imageDigest'),
    }),
    imageTags: t.stringList({
      description: 'Tags that point at this image, such as `latest` or `1.4.2`; empty for an untagged image.',
      resolve: (image, _args, ctx) => imageTagsOf(image, ctx),
    }),
    pullReferences: t.stringList({
      extensions: parentRepositoryCost,
      description:
        'Ready-to-paste `docker pull` references: `public.ecr.aws/<registry alias>/<repository>:<tag>` for each ' +
        'tag, then `public.ecr.aws/<registry alias>/<repository>@<digest>`, which keeps pulling this very image ' +
        'after its tags move.',
      resolve: async (image, _args, ctx) => {
        const [repository, tags] = await Promise.all([
          ctx.data.repository(repositoryKeyOf(image)),
          imageTagsOf(image, ctx),
        ]);
        const uri = required(repository.repositoryUri, 'repositoryUri');
        return [...tags.map((tag) => `${uri}:${tag}`), `${uri}@${required(image.imageDigest, 'imageDigest')}`];
      },
    }),
    imageSizeInBytes: t.field({
      type: 'SafeInt',
      nullable: true,
      description:
        'Size of the image in bytes (for an image index, the largest of its manifests). ' +
        'A SafeInt, exact beyond 2^31.',
      resolve: (image) => image.imageSizeInBytes ?? null,
    }),
    imagePushedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the image was pushed to the repository (ISO-8601, UTC).',
      resolve: (image) => image.imagePushedAt ?? null,
    }),
    imageManifestMediaType: t.string({
      nullable: true,
      description:
        'Media type of the manifest, such as `application/vnd.oci.image.manifest.v1+json` or, for a ' +
        'multi-architecture image, `application/vnd.oci.image.index.v1+json`.',
      resolve: (image) => image.imageManifestMediaType ?? null,
    }),
    artifactMediaType: t.string({
      nullable: true,
      description: "Media type of the artifact's config, such as `application/vnd.oci.image.config.v1+json`.",
      resolve: (image) => image.artifactMediaType ?? null,
    }),
    repository: t.field({
      type: RepositoryType,
      extensions: parentRepositoryCost,
      description: 'The repository that holds the image.',
      resolve: (image, _args, ctx) => ctx.data.repository(repositoryKeyOf(image)),
    }),
  }),
});

builder.asEntity(ImageType, {
  key: builder.selection<{ registryId: string; repositoryName: string; imageDigest: string }>(
    'registryId repositoryName imageDigest',
  ),
  // Async, so a malformed key rejects its own entity at ['_entities', i], not the whole field.
  resolveReference: async (key, ctx) =>
    loadImage(
      {
        registryId: checkRequiredRegistryId(key.registryId),
        repositoryName: checkRepositoryName(key.repositoryName),
        imageDigest: checkImageDigest(key.imageDigest),
      },
      ctx,
    ),
});

export const ImageConnection = forwardConnection(ImageType, 'images', 'An image');
