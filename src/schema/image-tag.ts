/**
 * `ImageTag`: a tag of a repository and the image it points at, from DescribeImageTags (paged by
 * `Repository.imageTags`, repository-listings.ts). Each tag's image comes with it as ECR Public's
 * ReferencedImageDetail, which lacks the image's other tags: `Image.imageTags` (and
 * `pullReferences`) fetch those on demand, through the batched lookup by digest, one
 * DescribeImages call per 100 distinct images of the page.
 */
import { lookupCost } from '../cost';
import { versionOf } from '../data/listings/tag-versions';
import { referencedImage } from './image';
import { ImageTagType, ImageType } from './refs';
import { forwardConnection } from './support/connection';
import { required } from './support/fields';

ImageTagType.implement({
  description: 'A tag of a repository, such as `latest` or `1.4.2`, and the image it points at.',
  fields: (t) => ({
    imageTag: t.string({
      description: 'The tag itself.',
      resolve: (tag) => required(tag.detail.imageTag, 'imageTag'),
    }),
    version: t.string({
      nullable: true,
      description:
        'The tag as a semantic version: with one leading `v` removed, a valid semver.org version (strict, as npm ' +
        '`semver.valid`), such as `1.4.2` for `v1.4.2`; `2024.11.15` is one too. Null when the tag is none.',
      resolve: (tag) => versionOf(tag.detail.imageTag),
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the tag was created (ISO-8601, UTC).',
      resolve: (tag) => tag.detail.createdAt ?? null,
    }),
    image: t.field({
      type: ImageType,
      extensions: lookupCost,
      description:
        'The image the tag points at. All of its fields are at hand but `imageTags` and `pullReferences`, ' +
        'which cost one batched lookup per 100 images of the page.',
      resolve: (tag) =>
        referencedImage(required(tag.detail.imageDetail, 'imageDetail'), tag.registryId, tag.repositoryName),
    }),
  }),
});

export const ImageTagConnection = forwardConnection(ImageTagType, 'tags', 'A tag');
