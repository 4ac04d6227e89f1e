/**
 * `ImageTag` and `Repository.imageTags`: a repository's tags, a page at a time, from
 * DescribeImageTags, paged like `images` (one call per page, `maxResults` = `first`). Each tag's
 * image comes with it as ECR Public's ReferencedImageDetail, which lacks the image's other tags:
 * `Image.imageTags` (and `pullReferences`) fetch those on demand, through the batched images loader
 * by digest, one DescribeImages call per 100 distinct images of the page.
 */
import type { ImageTagDetail } from '@aws-sdk/client-ecr-public';
import { builder } from './builder';
import { lookupCost, pageCost } from './cost';
import { ImageType, referencedImage, required } from './image';
import { DEFAULT_PAGE_SIZE, forwardPage, MAX_PAGE_SIZE } from './pagination';
import { RepositoryType } from './repository';

interface ImageTagShape {
  detail: ImageTagDetail;
  registryId: string;
  repositoryName: string;
}

const ImageTagType = builder.objectRef<ImageTagShape>('ImageTag');

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

const ImageTagConnection = builder.connectionObject(
  {
    type: ImageTagType,
    name: 'ImageTagConnection',
    description: 'A page of tags. Page forward with `first` and `after: pageInfo.endCursor`.',
  },
  { name: 'ImageTagEdge', description: 'A tag and the cursor that resumes the listing right after it.' },
);

builder.objectField(RepositoryType, 'imageTags', (t) =>
  t.field({
    type: ImageTagConnection,
    extensions: pageCost(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    description:
      "The repository's tags with the image each points at, a page at a time, in ECR Public's own order. " +
      'An untagged image appears in `images` only; an image with three tags appears here three times.',
    args: {
      first: t.arg.int({ description: 'How many tags to return: 0 to 1000, default 100. Each page costs one call.' }),
      after: t.arg.string({
        description: 'Resume the listing right after the edge whose `cursor` (or `pageInfo.endCursor`) this is.',
      }),
    },
    resolve: (repo, args, ctx) => {
      const registryId = required(repo.registryId, 'registryId');
      const repositoryName = required(repo.repositoryName, 'repositoryName');
      return forwardPage({
        first: args.first,
        after: args.after,
        scope: `image-tags:${registryId}/${repositoryName}`,
        codec: ctx.cursors,
        fetch: async (token, maxResults) => {
          const page = await ctx.upstream.send(
            'DescribeImageTags',
            { registryId, repositoryName, maxResults, ...(token ? { nextToken: token } : {}) },
            ctx.stats,
          );
          const items = (page.imageTagDetails ?? []).map((detail) => ({ detail, registryId, repositoryName }));
          return { items, nextToken: page.nextToken ?? null };
        },
      });
    },
  }),
);
