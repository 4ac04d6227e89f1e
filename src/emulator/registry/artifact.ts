/** A non-image artifact (Helm chart, WASM module, ...) as one OCI manifest: its config and layers. */
import type { BuiltContent, ContentArtifact, Document } from './content-types';
import { annotationsMember, doc, jsonBlob } from './documents';
import { EMPTY_MEDIA_TYPE, MEDIA } from './media-types';
import { buildLayers } from './platform';

export interface BuiltArtifact {
  manifest: Document;
  size: number;
  configMediaType: string;
}

export function buildArtifact(
  a: ContentArtifact,
  seed: string,
  out: BuiltContent,
  annotations?: Record<string, string>,
): BuiltArtifact {
  if (!Array.isArray(a?.layers)) throw new Error('artifact.layers must be an array');
  if (a.artifactType === undefined && a.configMediaType === undefined)
    throw new Error('an artifact needs artifactType or configMediaType');
  const configMediaType = a.configMediaType ?? EMPTY_MEDIA_TYPE;
  const config = jsonBlob(out, configMediaType, a.configMediaType ? (a.config ?? {}) : {});
  const { layers } = buildLayers(a.layers, 'oci', 'application/octet-stream', `${seed}/artifact`, out);
  const manifest = doc(
    MEDIA.oci.manifest,
    {
      schemaVersion: 2,
      mediaType: MEDIA.oci.manifest,
      ...(a.artifactType ? { artifactType: a.artifactType } : {}),
      config,
      layers,
      ...annotationsMember(annotations),
    },
    a.artifactType ?? configMediaType,
  );
  out.manifests.set(manifest.digest, manifest);
  return { manifest, size: config.size + layers.reduce((n, l) => n + l.size, 0), configMediaType };
}
