/**
 * `RepositoryCatalogData`: what the ECR Public Gallery shows of a repository
 * (GetRepositoryCatalogData), for `Repository.catalogData`. ECR Public answers it one repository at
 * a time; the request's data source asks once per repository however often a query names it.
 */
import { RepositoryCatalogDataType } from './refs';

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
