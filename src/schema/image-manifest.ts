/**
 * `ImageManifest`: a manifest as the registry serves it (an OCI index or image manifest, a Docker
 * manifest list or v2 manifest, or an artifact's manifest), with its platforms and the manifests
 * that refer to it (OCI 1.1 Referrers API: signatures, SBOMs, attestations). A referrer is known by
 * its descriptor; its manifest is fetched only for what the descriptor does not say.
 */
import { registryCost } from '../cost';
import { manifestOf, platformsOf, sortedEntries } from '../data/registry/views';
import { ImageManifestType, ImagePlatformType, KeyValueType } from './refs';
import { checkArtifactType } from './support/registry-inputs';

ImageManifestType.implement({
  description:
    "An image's manifest from the registry (OCI Distribution API): an index of platforms or one platform's " +
    'image, or an artifact (a Helm chart, a signature, an SBOM).',
  fields: (t) => ({
    digest: t.string({
      description: 'The sha256 of the manifest bytes as served (checked by the gateway).',
      resolve: (node) => node.digest,
    }),
    mediaType: t.string({
      extensions: registryCost(1, 'manifest'),
      description:
        'Such as `application/vnd.oci.image.index.v1+json`, `application/vnd.oci.image.manifest.v1+json`, ' +
        '`application/vnd.docker.distribution.manifest.list.v2+json` or `...manifest.v2+json`.',
      resolve: async (node, _args, ctx) =>
        node.descriptor?.mediaType ?? (await manifestOf(node, ctx.data.contents)).mediaType,
    }),
    artifactType: t.string({
      nullable: true,
      extensions: registryCost(1, 'manifest'),
      description:
        "OCI 1.1's `artifactType`, else the config media type of an artifact that is no runnable image (a Helm " +
        'chart); null for an image.',
      resolve: async (node, _args, ctx) =>
        node.descriptor
          ? (node.descriptor.artifactType ?? null)
          : ((await manifestOf(node, ctx.data.contents)).document.artifactType ?? null),
    }),
    sizeInBytes: t.field({
      type: 'SafeInt',
      extensions: registryCost(1, 'manifest'),
      description: "The manifest document's own length in bytes.",
      resolve: async (node, _args, ctx) =>
        node.descriptor?.size ?? (await manifestOf(node, ctx.data.contents)).bytes.length,
    }),
    platforms: t.field({
      type: [ImagePlatformType],
      extensions: registryCost(1, 'manifest'),
      description:
        "An index's manifests that name a real platform, in its order (buildx's unknown/unknown attestation " +
        "manifests left out); a single image manifest's one platform, from its config; none for an artifact.",
      resolve: (node, _args, ctx) => platformsOf(node, ctx.data.contents),
    }),
    annotations: t.field({
      type: [KeyValueType],
      extensions: registryCost(1, 'manifest'),
      description: "The manifest's annotations, sorted by key.",
      // A referrer's descriptor carries its manifest's annotations (OCI distribution-spec, Referrers API).
      resolve: async (node, _args, ctx) =>
        sortedEntries(
          node.descriptor
            ? (node.descriptor.annotations ?? {})
            : (await manifestOf(node, ctx.data.contents)).document.annotations,
        ),
    }),
    referrers: t.field({
      type: [ImageManifestType],
      extensions: registryCost(1),
      description:
        'Manifests whose `subject` is this one (OCI 1.1 Referrers API): cosign signatures, SBOMs, attestations.',
      args: {
        artifactType: t.arg.string({
          description: 'Only referrers of this artifact type, such as `application/spdx+json`.',
        }),
      },
      resolve: async (node, args, ctx) => {
        const artifactType = checkArtifactType(args.artifactType);
        const list = await ctx.data.contents.referrers(node.repository, node.digest, artifactType);
        return list.map((descriptor) => ({ repository: node.repository, digest: descriptor.digest, descriptor }));
      },
    }),
  }),
});
