/**
 * `Repository` and its root fields `repository` and `repositories`. A Relay node and a federation
 * entity keyed by `registryId repositoryName`; lookups by name batch through DescribeRepositories.
 * Its listings (`images`, `latestImage`, `imageTags`) are in repository-listings.ts.
 */
import type { GatewayContext } from '../context';
import {
  callCost,
  imageLookup,
  keyedLookupCost,
  pageCost,
  registryLookup,
  repositoryLookup,
  sharedCost,
} from '../cost';
import type { RepositoryRef } from '../data/batching/refs';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../data/paging/forward-page';
import { builder } from './builder';
import { ImageType, RegistryType, RepositoryCatalogDataType, RepositoryType, ResourceTagType } from './refs';
import { forwardConnection } from './support/connection';
import { member, repositoryKeyOf, required } from './support/fields';
import { parseRepositoryLocalId, repositoryLocalId } from './support/global-id';
import { checkImageRef, checkRegistryId, checkRepositoryName, checkRequiredRegistryId } from './support/inputs';
import { afterArg, firstArg } from './support/page-args';

const loadRepository = (ref: RepositoryRef, ctx: GatewayContext) => ctx.data.repository(ref);

builder.node(RepositoryType, {
  description: 'A public repository in ECR Public, such as `team/service`, and the images pushed to it.',
  id: { resolve: (repo) => repositoryLocalId(repositoryKeyOf(repo)) },
  loadOne: (id, ctx) => loadRepository(parseRepositoryLocalId(id), ctx),
  fields: (t) => ({
    registryId: t.string({
      description: 'The 12-digit AWS account id of the registry that holds the repository.',
      resolve: member('registryId'),
    }),
    repositoryName: t.string({
      description: "The repository's name; may contain slashes, as in `team/service`.",
      resolve: member('repositoryName'),
    }),
    repositoryArn: t.string({
      description: "The repository's ARN: `arn:aws:ecr-public::<registryId>:repository/<name>`.",
      resolve: member('repositoryArn'),
    }),
    repositoryUri: t.string({
      description: 'Where to pull from: `public.ecr.aws/<registry alias>/<name>`.',
      resolve: member('repositoryUri'),
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
      extensions: keyedLookupCost((args, parent) => (parent ? imageLookup(parent, args) : undefined)),
      description:
        'One image of this repository, by exactly one of `tag` or `digest`. Null, with an ' +
        '`IMAGE_NOT_FOUND` error, when there is no such image.',
      args: {
        tag: t.arg.string({ description: 'An image tag, such as `latest` or `1.4.2`.' }),
        digest: t.arg.string({ description: 'An image manifest digest, `sha256:` and 64 hex digits.' }),
      },
      resolve: (repo, args, ctx) => {
        const ref = checkImageRef(args.tag, args.digest);
        return ctx.data.image(repositoryKeyOf(repo), ref);
      },
    }),
    catalogData: t.field({
      type: RepositoryCatalogDataType,
      nullable: true,
      extensions: callCost,
      description:
        "The repository's Gallery page: description, logo, architectures, About and Usage text. Null, with no " +
        'error, when the owner has written none.',
      resolve: (repo, _args, ctx) => ctx.data.catalogData(repositoryKeyOf(repo)),
    }),
    resourceTags: t.field({
      type: [ResourceTagType],
      nullable: true,
      extensions: callCost,
      description: 'Key-value labels the owner set on the repository; empty when there are none.',
      resolve: (repo, _args, ctx) => ctx.data.resourceTags(required(repo.repositoryArn, 'repositoryArn')),
    }),
    registry: t.field({
      type: RegistryType,
      nullable: true,
      // From the request's one registries listing, however many repositories ask.
      extensions: sharedCost(registryLookup('*')),
      description:
        'The registry that holds the repository. Null, with a `REGISTRY_NOT_FOUND` error, when ECR Public does not ' +
        "describe that registry to the caller (on AWS: any registry but the caller's own).",
      resolve: (repo, _args, ctx) => ctx.data.registry(required(repo.registryId, 'registryId')),
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

const RepositoryConnection = forwardConnection(RepositoryType, 'repositories', 'A repository');

builder.queryFields((t) => ({
  repository: t.field({
    type: RepositoryType,
    nullable: true,
    extensions: keyedLookupCost((args) =>
      typeof args.name === 'string' ? repositoryLookup(args.registryId as string | undefined, args.name) : undefined,
    ),
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
      first: t.arg.int({ defaultValue: DEFAULT_PAGE_SIZE, description: firstArg('repositories') }),
      after: t.arg.string({ description: afterArg }),
    },
    resolve: (_root, args, ctx) => ctx.data.repositories(checkRegistryId(args.registryId), args),
  }),
}));
