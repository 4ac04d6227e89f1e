/**
 * `Image.manifest` and `Image.platforms`: what the image is, from the registry (CONTRACT.md "Image
 * contents"). The image's registry path is its repository's URI (`public.ecr.aws/<alias>/<name>`),
 * from the request's repository loader (free under a Repository); its manifest is fetched by digest
 * once per request and kept across requests as immutable.
 */
import type { ImageDetail } from '@aws-sdk/client-ecr-public';
import type { GatewayContext } from '../context';
import { registryCost } from '../cost';
import { loadedNode, type ManifestNode, platformsOf } from '../data/registry/views';
import { builder } from './builder';
import { ImageManifestType, ImagePlatformType, ImageType } from './refs';
import { repositoryKeyOf, required } from './support/fields';

/** `<alias>/<name>`: the repository URI without its host. */
export function registryPathOf(uri: string): string {
  const slash = uri.indexOf('/');
  return slash < 0 ? uri : uri.slice(slash + 1);
}

async function manifestNodeOf(image: ImageDetail, ctx: GatewayContext): Promise<ManifestNode> {
  const repository = await ctx.data.repository(repositoryKeyOf(image));
  const path = registryPathOf(required(repository.repositoryUri, 'repositoryUri'));
  return loadedNode(path, await ctx.data.contents.manifest(path, required(image.imageDigest, 'imageDigest')));
}

builder.objectFields(ImageType, (t) => ({
  manifest: t.field({
    type: ImageManifestType,
    nullable: true,
    extensions: registryCost(1, 'image-manifest', true),
    description:
      "The image's manifest from the registry: its platforms, annotations and referrers. Null, with an error at " +
      'its path, when the registry cannot answer.',
    resolve: (image, _args, ctx) => manifestNodeOf(image, ctx),
  }),
  platforms: t.field({
    type: [ImagePlatformType],
    extensions: registryCost(1, 'image-manifest', true),
    description:
      'The platforms the image runs on (`manifest.platforms`): an index names each one; a single manifest, its own.',
    resolve: async (image, _args, ctx) => platformsOf(await manifestNodeOf(image, ctx), ctx.data.contents),
  }),
}));
