/**
 * `Query.node` and `Query.nodes`: any Repository or Image by its global id, through the same
 * per-request loaders as every other lookup, so `nodes` of many images costs one DescribeImages
 * call per repository. server.ts leaves both out with SUBGRAPH_NODE_FIELDS=false, for supergraphs
 * that own `Node` (support/without-node-fields.ts).
 */
import type { GatewayContext } from '../context';
import { idsCost, imageLookup, keyedLookupCost, type LookupKey, repositoryLookup, repositoryOwner } from '../cost';
import { badUserInput } from '../errors';
import { builder } from './builder';
import { loadImage } from './image';
import { decodeId, parseImageLocalId, parseRepositoryLocalId } from './support/global-id';

type GlobalId = { typename: string; id: string };

/** Loads a node and names its type, so the Node interface resolves it. */
const loaders: Record<string, (localId: string, ctx: GatewayContext) => Promise<object>> = {
  Repository: async (id, ctx) => ({
    ...(await ctx.data.repository(parseRepositoryLocalId(id))),
    __typename: 'Repository',
  }),
  Image: async (id, ctx) => ({ ...(await loadImage(parseImageLocalId(id), ctx)), __typename: 'Image' }),
};

/** Async, so an id of no known type fails its own field or item, never its siblings. */
async function loadNode(globalId: GlobalId, ctx: GatewayContext): Promise<object> {
  const load = loaders[globalId.typename];
  if (!load) throw badUserInput(`No ${globalId.typename} objects have global ids here`);
  return load(globalId.id, ctx);
}

/** The batch a global id's lookup joins, for the query cost estimate; undefined for an id refused with no call. */
function nodeKey(id: unknown): LookupKey | undefined {
  try {
    const { typename, id: local } = decodeId(String(id));
    if (typename === 'Repository') {
      const key = parseRepositoryLocalId(local);
      return repositoryLookup(key.registryId, key.repositoryName);
    }
    if (typename !== 'Image') return undefined;
    const key = parseImageLocalId(local);
    return imageLookup(repositoryOwner(key.registryId, key.repositoryName), { digest: key.imageDigest });
  } catch {
    return undefined;
  }
}

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    extensions: keyedLookupCost((args) => nodeKey(args.id)),
    description:
      'Fetches a Repository or Image by its global `id`. Null, with an error that says why, when there is none.',
    args: { id: t.arg.globalID({ required: true, description: 'A global id from an `id` field.' }) },
    resolve: (_root, args, ctx) => loadNode(args.id, ctx),
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    extensions: idsCost('ids', (ids) => ids.map(nodeKey)),
    description:
      'Fetches objects by their global ids, in the order given. An unknown id is null, with its error at ' +
      'its own index; the others still resolve, batched.',
    args: { ids: t.arg.idList({ required: true, description: 'Global ids from `id` fields.' }) },
    // One promise per id, each decoding its own: a malformed or unknown id nulls its own item,
    // not the list (and with it the whole response). They start in the same tick, so the
    // loaders still batch them.
    resolve: (_root, args, ctx) => args.ids.map(async (id) => loadNode(decodeId(String(id)), ctx)),
  }),
}));
