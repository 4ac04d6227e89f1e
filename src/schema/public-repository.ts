/**
 * `Query.publicRepository` and `PublicRepository`: any public repository of anyone
 * (`public.ecr.aws/<alias>/<name>`), read through the registry alone. The repository's existence is
 * one tags/list request (the first page, kept for the TTL and shared with `tags`), so an unknown
 * one is null with REPOSITORY_NOT_FOUND whatever is selected.
 */
import { pageCost, registryCost } from '../cost';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../data/paging/forward-page';
import { loadedNode } from '../data/registry/views';
import { builder } from './builder';
import { PublicTagConnection } from './public-tag';
import { ImageManifestType, PublicRepositoryType } from './refs';
import { afterArg } from './support/page-args';
import { checkAlias, checkPublicName, checkReference } from './support/registry-inputs';

PublicRepositoryType.implement({
  description: 'A public repository of any registry alias, as `docker pull public.ecr.aws/<alias>/<name>` sees it.',
  fields: (t) => ({
    alias: t.string({ description: 'The registry alias, such as `docker` or `lambda`.', resolve: (r) => r.alias }),
    name: t.string({ description: 'The repository name, such as `library/nginx`.', resolve: (r) => r.name }),
    uri: t.string({
      description: 'Where to pull from: `public.ecr.aws/<alias>/<name>`.',
      resolve: (r) => `public.ecr.aws/${r.path}`,
    }),
    tags: t.field({
      type: PublicTagConnection,
      extensions: pageCost(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
      description:
        "The repository's tags in the registry's order (byte order), a page at a time over tags/list's `n` and " +
        '`last`: one registry request a page, kept for the TTL.',
      args: {
        first: t.arg.int({
          defaultValue: DEFAULT_PAGE_SIZE,
          description: 'How many tags to return: 0 to 1000, default 100.',
        }),
        after: t.arg.string({ description: afterArg }),
      },
      resolve: async (r, args, ctx) => {
        const page = await ctx.data.contents.tags(r.path, args);
        return {
          ...page,
          edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: { repository: r.path, name: edge.node } })),
        };
      },
    }),
    manifest: t.field({
      type: ImageManifestType,
      nullable: true,
      extensions: registryCost(1),
      description: 'A manifest by tag or `sha256:` digest. Null, with `IMAGE_NOT_FOUND`, when there is none.',
      args: {
        reference: t.arg.string({ required: true, description: 'A tag, such as `latest`, or a `sha256:` digest.' }),
      },
      resolve: async (r, args, ctx) => {
        const reference = checkReference(args.reference);
        return loadedNode(r.path, await ctx.data.contents.manifest(r.path, reference));
      },
    }),
  }),
});

builder.queryFields((t) => ({
  publicRepository: t.field({
    type: PublicRepositoryType,
    nullable: true,
    extensions: registryCost(1),
    description:
      'Any public repository of anyone, by registry alias and name (`docker` and `library/nginx` for ' +
      '`public.ecr.aws/docker/library/nginx`). Null, with `REPOSITORY_NOT_FOUND`, when the registry has none.',
    args: {
      alias: t.arg.string({ required: true, description: 'The registry alias, such as `docker`.' }),
      name: t.arg.string({ required: true, description: 'The repository name, such as `library/nginx`.' }),
    },
    resolve: async (_root, args, ctx) => {
      const node = { alias: checkAlias(args.alias), name: checkPublicName(args.name), path: '' };
      node.path = `${node.alias}/${node.name}`;
      await ctx.data.contents.exists(node.path);
      return node;
    },
  }),
}));
