/**
 * `ImageTag`: a tag of a repository and the image it points at, from DescribeImageTags (paged by
 * `Repository.imageTags`, repository-listings.ts). Each tag's image comes with it as ECR Public's
 * ReferencedImageDetail, which lacks the image's other tags: `Image.imageTags` (and
 * `pullReferences`) fetch those on demand, through the batched lookup by digest, one
 * DescribeImages call per 100 distinct images of the page.
 */
import { lookupCost } from '../cost';
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
