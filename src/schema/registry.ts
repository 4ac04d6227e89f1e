/**
 * `Registry` and the root fields `registry` and `registries`. Registries come from
 * DescribeRegistries through the request's data source; the display name from
 * GetRegistryCatalogData, which answers for the caller's own registry only.
 */
import { keyedLookupCost, ownRegistryCatalogLookup, pageCost, registryLookup, sharedCost } from '../cost';
import { OWN_REGISTRY } from '../data/batching/registries';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../data/paging/forward-page';
import { builder } from './builder';
import { RegistryAliasType, RegistryType } from './refs';
import { forwardConnection } from './support/connection';
import { member } from './support/fields';
import { checkRegistryId } from './support/inputs';
import { afterArg } from './support/page-args';

RegistryType.implement({
  description:
    "A public registry: one AWS account's space in ECR Public, holding its repositories under one or more aliases.",
  fields: (t) => ({
    registryId: t.string({ description: "The registry's 12-digit AWS account id.", resolve: member('registryId') }),
    registryArn: t.string({
      description: "The registry's ARN: `arn:aws:ecr-public::<registryId>:registry/<registryId>`.",
      resolve: member('registryArn'),
    }),
    registryUri: t.string({
      description: 'The URI its repositories live under: `public.ecr.aws/<primary alias>`.',
      resolve: member('registryUri'),
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
      // The caller's own registry from the request's one listing, and its catalog data once.
      extensions: sharedCost(registryLookup(''), ownRegistryCatalogLookup),
      description:
        "The name the Gallery shows for the registry, such as `Acme Corp`. ECR Public tells it for the caller's " +
        'own registry only: null for every other registry, and for one that has none.',
      resolve: async (registry, _args, ctx) => {
        const own = await ctx.data.registry(OWN_REGISTRY);
        return own.registryId === registry.registryId ? ctx.data.ownDisplayName() : null;
      },
    }),
  }),
});

const RegistryConnection = forwardConnection(RegistryType, 'registries', 'A registry');

builder.queryFields((t) => ({
  registry: t.field({
    type: RegistryType,
    nullable: true,
    // DescribeRegistries pages through every registry: the ids share one batch.
    extensions: keyedLookupCost((args) => registryLookup(typeof args.registryId === 'string' ? args.registryId : '')),
    description:
      "A registry by id; without one, the caller's own. Null, with a `REGISTRY_NOT_FOUND` error, for a registry " +
      "ECR Public does not describe to the caller (on AWS it describes the caller's own only).",
    args: {
      registryId: t.arg.string({ description: "The 12-digit registry (AWS account) id; default: the caller's own." }),
    },
    resolve: (_root, args, ctx) => ctx.data.registry(checkRegistryId(args.registryId) ?? OWN_REGISTRY),
  }),
  registries: t.field({
    type: RegistryConnection,
    extensions: pageCost(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    description: "The registries ECR Public describes to the caller, a page at a time: on AWS, the caller's own only.",
    args: {
      first: t.arg.int({
        defaultValue: DEFAULT_PAGE_SIZE,
        description: 'How many registries to return: 0 to 1000, default 100. One call a page.',
      }),
      after: t.arg.string({ description: afterArg }),
    },
    resolve: (_root, args, ctx) => ctx.data.registries(args),
  }),
}));
