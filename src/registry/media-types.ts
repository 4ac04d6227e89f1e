/**
 * The manifest and config media types of the OCI image spec and Docker's image manifest v2, and the
 * `Accept` header every manifest request sends: indexes and manifest lists first, so a tag of a
 * multi-platform image answers its index, then single manifests of either family.
 */
export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

export const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(', ');

export const isIndexType = (mediaType: string): boolean =>
  mediaType === MEDIA.ociIndex || mediaType === MEDIA.dockerList;
export const isManifestType = (mediaType: string): boolean =>
  mediaType === MEDIA.ociManifest || mediaType === MEDIA.dockerManifest;
/** A config that describes a runnable image (its platform, labels, entrypoint), not some other artifact. */
export const isImageConfigType = (mediaType: string | undefined): boolean =>
  mediaType === MEDIA.ociConfig || mediaType === MEDIA.dockerConfig;
