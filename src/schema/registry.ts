/**
 * `Registry` and `RegistryAlias`, the root fields `registry` and `registries`, and
 * `Repository.registry`. Registries come from DescribeRegistries through the per-request registry
 * loader (aws/registries.ts); the display name from GetRegistryCatalogData, which answers for the
 * caller's own registry only.
 */
import type { Registry, RegistryAlias } from '@aws-sdk/client-ecr-public';
import { OWN_REGISTRY } from '../aws/registries';
import { builder } from './builder';
import { lookupCost, pageCost } from './cost';
import { required } from './image';
import { checkRegistryId } from './inputs';
import { DEFAULT_PAGE_SIZE, forwardPage, MAX_PAGE_SIZE } from './pagination';
import { RepositoryType } from './repository';

export const RegistryType = builder.objectRef<Registry>('Registry');
const RegistryAliasType = builder.objectRef<RegistryAlias>('RegistryAlias');

RegistryAliasType.implement({
  description:
    'A name a registry is reachable by in `public.ecr.aws/<alias>/...`. A registry has at most one primary ' +
    "alias, the one its repositories' URIs use.",
  fields: (t) => ({
    name: t.string({
      description: 'The alias itself, such as `acme`.',
      resolve: (alias) => required(alias.name, 'name'),
    }),
    status: t.string({
      description: '`ACTIVE` once usable; `PENDING` while AWS reviews it; `REJECTED` if it was refused.',
      resolve: (alias) => required(alias.status, 'status'),
    }),
    primaryRegistryAlias: t.boolean({
      description: "True for the alias shown in the registry's and its repositories' URIs.",
      resolve: (alias) => alias.primaryRegistryAlias ?? false,
    }),
    defaultRegistryAlias: t.boolean({
      description: 'True for the alias AWS assigned when the registry was created.',
      resolve: (alias) => alias.defaultRegistryAlias ?? false,
    }),
  }),
});

RegistryType.implement({
  description:
    "A public registry: one AWS account's space in ECR Public, holding its repositories under one or more aliases.",
  fields: (t) => ({
    registryId: t.string({
      description: "The registry's 12-digit AWS account id.",
      resolve: (registry) => required(registry.registryId, 'registryId'),
    }),
    registryArn: t.string({
      description: "The registry's ARN: `arn:aws:ecr-public::<registryId>:registry/<registryId>`.",
      resolve: (registry) => required(registry.registryArn, 'registryArn'),
    }),
    registryUri: t.string({
      description: 'The URI its repositories live under: `public.ecr.aws/<primary alias>`.',
      resolve: (registry) => required(registry.registryUri, 'registryUri'),
    }),
    verified: t.boolean({
      description: 'True when AWS has verified the account behind the registry (a badge in the Gallery).',
      resolve: (registry) => registry.verified ?? false,
    }),
    aliases: t.field({
      type: [RegistryAliasType],
      description: 'Every alias of the registry, the primary one among them.',
      resolve: (registry) => registry.aliases ?? [],
    }),
    displayName: t.string({
      nullable: true,
      extensions: lookupCost,
      description:
        "The name the Gallery shows for the registry, such as `Acme Corp`. ECR Public tells it for the caller's " +
        'own registry only: null for every other registry, and for one that has none.',
      resolve: async (registry, _args, ctx) => {
        const own = await ctx.loaders.registry.load(OWN_REGISTRY);
        return own.registryId === registry.registryId ? ctx.loaders.ownDisplayName() : null;
      },
    }),
  }),
});

const RegistryConnection = builder.connectionObject(
  {
    type: RegistryType,
    name: 'RegistryConnection',
    description: 'A page of registries. Page forward with `first` and `after: pageInfo.endCursor`.',
  },
  { name: 'RegistryEdge', description: 'A registry and the cursor that resumes the listing right after it.' },
);

builder.queryFields((t) => ({
  registry: t.field({
    type: RegistryType,
    nullable: true,
    extensions: lookupCost,
    description:
      "A registry by id; without one, the caller's own. Null, with a `REGISTRY_NOT_FOUND` error, for a registry " +
      "ECR Public does not describe to the caller (on AWS it describes the caller's own only).",
    args: {
      registryId: t.arg.string({ description: "The 12-digit registry (AWS account) id; default: the caller's own." }),
    },
    resolve: (_root, args, ctx) => ctx.loaders.registry.load(checkRegistryId(args.registryId) ?? OWN_REGISTRY),
  }),
  registries: t.field({
    type: RegistryConnection,
    extensions: pageCost(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    description: "The registries ECR Public describes to the caller, a page at a time: on AWS, the caller's own only.",
    args: {
      first: t.arg.int({ description: 'How many registries to return: 0 to 1000, default 100. One call a page.' }),
      after: t.arg.string({
        description: 'Resume the listing right after the edge whose `cursor` (or `pageInfo.endCursor`) this is.',
      }),
    },
    resolve: (_root, args, ctx) =>
      forwardPage({
        first: args.first,
        after: args.after,
        scope: 'registries',
        codec: ctx.cursors,
        fetch: async (token, maxResults) => {
          const page = await ctx.upstream.send(
            'DescribeRegistries',
            { maxResults, ...(token ? { nextToken: token } : {}) },
            ctx.stats,
          );
          const items = page.registries ?? [];
          ctx.loaders.primeRegistries(items);
          return { items, nextToken: page.nextToken ?? null };
        },
      }),
  }),
}));

builder.objectField(RepositoryType, 'registry', (t) =>
  t.field({
    type: RegistryType,
    nullable: true,
    extensions: lookupCost,
    description:
      'The registry that holds the repository. Null, with a `REGISTRY_NOT_FOUND` error, when ECR Public does not ' +
      "describe that registry to the caller (on AWS: any registry but the caller's own).",
    resolve: (repo, _args, ctx) => ctx.loaders.registry.load(required(repo.registryId, 'registryId')),
  }),
);
