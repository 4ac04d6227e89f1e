/**
 * `Repository` and its root fields `repository` and `repositories`. A Relay node and a federation
 * entity keyed by `registryId repositoryName`; lookups by name batch through DescribeRepositories.
 */
import type { Repository } from '@aws-sdk/client-ecr-public';
import type { GatewayContext } from '../context';
import { builder } from './builder';
import { lookupCost, pageCost } from './cost';
import { parseRepositoryLocalId, repositoryLocalId } from './global-id';
import { ImageType, required } from './image';
import { checkImageRef, checkRegistryId, checkRepositoryName, checkRequiredRegistryId } from './inputs';
import { DEFAULT_PAGE_SIZE, forwardPage, MAX_PAGE_SIZE } from './pagination';

export const RepositoryType = builder.objectRef<Repository>('Repository');

export const firstArg = (what: string) =>
  `How many ${what} to return: 0 to 1000, default 100. Each page costs one ECR Public call.`;
export const afterArg = 'Resume the listing right after the edge whose `cursor` (or `pageInfo.endCursor`) this is.';

export function loadRepository(key: { registryId?: string | undefined; repositoryName: string }, ctx: GatewayContext) {
  return ctx.loaders.repository.load(key);
}

builder.node(RepositoryType, {
  description: 'A public repository in ECR Public, such as `team/service`, and the images pushed to it.',
  id: {
    resolve: (repo) =>
      repositoryLocalId({
        registryId: required(repo.registryId, 'registryId'),
        repositoryName: required(repo.repositoryName, 'repositoryName'),
      }),
  },
  loadOne: (id, ctx) => loadRepository(parseRepositoryLocalId(id), ctx),
  fields: (t) => ({
    registryId: t.string({
      description: 'The 12-digit AWS account id of the registry that holds the repository.',
      resolve: (repo) => required(repo.registryId, 'registryId'),
    }),
    repositoryName: t.string({
      description: "The repository's name; may contain slashes, as in `team/service`.",
      resolve: (repo) => required(repo.repositoryName, 'repositoryName'),
    }),
    repositoryArn: t.string({
      description: "The repository's ARN: `arn:aws:ecr-public::<registryId>:repository/<name>`.",
      resolve: (repo) => required(repo.repositoryArn, 'repositoryArn'),
    }),
    repositoryUri: t.string({
      description: 'Where to pull from: `public.ecr.aws/<registry alias>/<name>`.',
      resolve: (repo) => required(repo.repositoryUri, 'repositoryUri'),
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the repository was created (ISO-8601, UTC).',
      resolve: (repo) => repo.createdAt ?? null,
    }),
    image: t.field({
      type: ImageType,
      nullable: true,
      extensions: lookupCost,
      description:
        'One image of this repository, by exactly one of `tag` or `digest`. Null, with an ' +
        '`IMAGE_NOT_FOUND` error, when there is no such image.',
      args: {
        tag: t.arg.string({ description: 'An image tag, such as `latest` or `1.4.2`.' }),
        digest: t.arg.string({ description: 'An image manifest digest, `sha256:` and 64 hex digits.' }),
      },
      resolve: (repo, args, ctx) => {
        const ref = checkImageRef(args.tag, args.digest);
        return ctx.loaders
          .images(required(repo.registryId, 'registryId'), required(repo.repositoryName, 'repositoryName'))
          .load(ref);
      },
    }),
  }),
});

builder.asEntity(RepositoryType, {
  key: builder.selection<{ registryId: string; repositoryName: string }>('registryId repositoryName'),
  // Async, so a malformed key rejects its own entity at ['_entities', i], not the whole field.
  resolveReference: async (key, ctx) =>
    loadRepository(
      {
        registryId: checkRequiredRegistryId(key.registryId),
        repositoryName: checkRepositoryName(key.repositoryName),
      },
      ctx,
    ),
});

export const RepositoryConnection = builder.connectionObject(
  {
    type: RepositoryType,
    name: 'RepositoryConnection',
    description: 'A page of repositories. Page forward with `first` and `after: pageInfo.endCursor`.',
  },
  { name: 'RepositoryEdge', description: 'A repository and the cursor that resumes the listing right after it.' },
);

builder.queryFields((t) => ({
  repository: t.field({
    type: RepositoryType,
    nullable: true,
    extensions: lookupCost,
    description:
      'A repository by name. Null, with a `REPOSITORY_NOT_FOUND` error, when the registry has no such repository.',
    args: {
      name: t.arg.string({ required: true, description: "The repository's name, such as `team/service`." }),
      registryId: t.arg.string({ description: "The 12-digit registry (AWS account) id; default: the caller's own." }),
    },
    resolve: (_root, args, ctx) =>
      loadRepository(
        { registryId: checkRegistryId(args.registryId), repositoryName: checkRepositoryName(args.name) },
        ctx,
      ),
  }),
  repositories: t.field({
    type: RepositoryConnection,
    extensions: pageCost(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    description: "The repositories of a registry, a page at a time, in ECR Public's own order.",
    args: {
      registryId: t.arg.string({ description: "The 12-digit registry (AWS account) id; default: the caller's own." }),
      first: t.arg.int({ description: firstArg('repositories') }),
      after: t.arg.string({ description: afterArg }),
    },
    resolve: (_root, args, ctx) => {
      const registryId = checkRegistryId(args.registryId);
      return forwardPage({
        first: args.first,
        after: args.after,
        scope: `repositories:${registryId ?? ''}`,
        codec: ctx.cursors,
        fetch: async (token, maxResults) => {
          const page = await ctx.upstream.send(
            'DescribeRepositories',
            { registryId, maxResults, ...(token ? { nextToken: token } : {}) },
            ctx.stats,
          );
          const items = page.repositories ?? [];
          ctx.loaders.primeRepositories(items);
          return { items, nextToken: page.nextToken ?? null };
        },
      });
    },
  }),
}));
