/**
 * What the ECR Public Gallery shows of a repository: `Repository.catalogData`
 * (GetRepositoryCatalogData) and `Repository.resourceTags` (ListTagsForResource). ECR Public answers
 * both one repository at a time; the per-request loaders (aws/repository-details.ts) ask once per
 * repository however often a query names it.
 */
import type { RepositoryCatalogData, Tag } from '@aws-sdk/client-ecr-public';
import { builder } from './builder';
import { callCost } from './cost';
import { required } from './image';
import { RepositoryType } from './repository';

const RepositoryCatalogDataType = builder.objectRef<RepositoryCatalogData>('RepositoryCatalogData');
const ResourceTagType = builder.objectRef<Tag>('ResourceTag');

RepositoryCatalogDataType.implement({
  description: "A repository's page in the ECR Public Gallery: what it is, what it runs on, how to use it.",
  fields: (t) => ({
    description: t.string({
      nullable: true,
      description: 'A one-line summary, shown in Gallery search results.',
      resolve: (data) => data.description ?? null,
    }),
    architectures: t.stringList({
      description: 'CPU architectures the images run on, as the Gallery labels them: `x86-64`, `ARM 64`, `ARM`.',
      resolve: (data) => data.architectures ?? [],
    }),
    operatingSystems: t.stringList({
      description: 'Operating systems the images run on, as the Gallery labels them: `Linux`, `Windows`.',
      resolve: (data) => data.operatingSystems ?? [],
    }),
    logoUrl: t.string({
      nullable: true,
      description: "URL of the repository's logo image, ready for an `<img src>`; null without a logo.",
      resolve: (data) => data.logoUrl ?? null,
    }),
    aboutText: t.string({
      nullable: true,
      description: "The Gallery's About section, in Markdown: what the images are and who maintains them.",
      resolve: (data) => data.aboutText ?? null,
    }),
    usageText: t.string({
      nullable: true,
      description: "The Gallery's Usage section, in Markdown: how to pull and run the images.",
      resolve: (data) => data.usageText ?? null,
    }),
    marketplaceCertified: t.boolean({
      nullable: true,
      description: 'True when the images are certified by AWS Marketplace; null when ECR Public does not say.',
      resolve: (data) => data.marketplaceCertified ?? null,
    }),
  }),
});

ResourceTagType.implement({
  description: 'A key-value label the repository owner set on the repository, such as `team: web`.',
  fields: (t) => ({
    key: t.string({ description: 'The label, such as `team`.', resolve: (tag) => required(tag.Key, 'Key') }),
    value: t.string({
      description: 'Its value, such as `web`; may be empty.',
      resolve: (tag) => tag.Value ?? '',
    }),
  }),
});

builder.objectFields(RepositoryType, (t) => ({
  catalogData: t.field({
    type: RepositoryCatalogDataType,
    nullable: true,
    extensions: callCost,
    description:
      "The repository's Gallery page: description, logo, architectures, About and Usage text. Null, with no " +
      'error, when the owner has written none.',
    resolve: (repo, _args, ctx) =>
      ctx.loaders.catalogData.load({
        registryId: required(repo.registryId, 'registryId'),
        repositoryName: required(repo.repositoryName, 'repositoryName'),
      }),
  }),
  resourceTags: t.field({
    type: [ResourceTagType],
    nullable: true,
    extensions: callCost,
    description: 'Key-value labels the owner set on the repository; empty when there are none.',
    resolve: (repo, _args, ctx) => ctx.loaders.resourceTags.load(required(repo.repositoryArn, 'repositoryArn')),
  }),
}));
