/** `PublicTag`: a tag of any public repository, from the registry's tags/list, and its manifest. */
import { registryCost } from '../cost';
import { loadedNode } from '../data/registry/views';
import { ImageManifestType, PublicTagType } from './refs';
import { forwardConnection } from './support/connection';

PublicTagType.implement({
  description: 'A tag of a public repository, as the registry lists it, and the manifest it points at now.',
  fields: (t) => ({
    name: t.string({ description: 'The tag, such as `latest` or `1.27-alpine`.', resolve: (tag) => tag.name }),
    manifest: t.field({
      type: ImageManifestType,
      nullable: true,
      extensions: registryCost(1),
      description: 'The manifest the tag points at (one registry request, the tag kept for the TTL).',
      resolve: async (tag, _args, ctx) =>
        loadedNode(tag.repository, await ctx.data.contents.manifest(tag.repository, tag.name)),
    }),
  }),
});

export const PublicTagConnection = forwardConnection(PublicTagType, 'tags', 'A tag');
