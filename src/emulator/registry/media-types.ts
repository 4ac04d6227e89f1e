/** The OCI and Docker media types the registry serves, by family. */
export const MEDIA = {
  oci: {
    index: 'application/vnd.oci.image.index.v1+json',
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
  docker: {
    index: 'application/vnd.docker.distribution.manifest.list.v2+json',
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
} as const;

export type MediaFamily = keyof typeof MEDIA;

export const EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';

export function familyOf(mediaType: string): MediaFamily | undefined {
  if (mediaType === MEDIA.oci.index || mediaType === MEDIA.oci.manifest) return 'oci';
  if (mediaType === MEDIA.docker.index || mediaType === MEDIA.docker.manifest) return 'docker';
  return undefined;
}
