/**
 * What is attached to an image: BuildKit-style attestation manifests inside an index (platform
 * unknown/unknown, `vnd.docker.reference.*` annotations naming the platform manifest they describe),
 * and referrers (cosign-style signatures, SBOMs) whose `subject` is the top manifest.
 */
import type { BuiltContent, ContentReferrer, Descriptor, Document } from './content-types';
import { annotationsMember, descriptorOf, doc, jsonBlob } from './documents';
import { EMPTY_MEDIA_TYPE, MEDIA } from './media-types';

const IN_TOTO = 'application/vnd.in-toto+json';
const PREDICATES = [
  ['https://slsa.dev/provenance/v0.2', { buildType: 'https://mobyproject.org/buildkit@v1' }],
  ['https://spdx.dev/Document', { spdxVersion: 'SPDX-2.3', name: 'sbom', packages: [] }],
] as const;

/** The attestation manifest of `platformManifest`, as an index entry. */
export function attestationFor(platformManifest: Document, out: BuiltContent): Descriptor {
  const subject = [{ name: '_', digest: { sha256: platformManifest.digest.slice('sha256:'.length) } }];
  const layers = PREDICATES.map(([predicateType, predicate]) =>
    jsonBlob(
      out,
      IN_TOTO,
      { _type: 'https://in-toto.io/Statement/v0.1', predicateType, subject, predicate },
      { annotations: { 'in-toto.io/predicate-type': predicateType } },
    ),
  );
  const config = jsonBlob(out, MEDIA.oci.config, {
    architecture: 'unknown',
    os: 'unknown',
    config: {},
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
  });
  const manifest = doc(MEDIA.oci.manifest, { schemaVersion: 2, mediaType: MEDIA.oci.manifest, config, layers });
  out.manifests.set(manifest.digest, manifest);
  return descriptorOf(manifest, {
    annotations: {
      'vnd.docker.reference.digest': platformManifest.digest,
      'vnd.docker.reference.type': 'attestation-manifest',
    },
    platform: { architecture: 'unknown', os: 'unknown' },
  });
}

/** OCI 1.1 artifact manifests (empty config, one payload layer) with the top manifest as subject. */
export function addReferrers(referrers: readonly ContentReferrer[], seed: string, out: BuiltContent): void {
  const subject = descriptorOf(out.top);
  const list: Descriptor[] = [];
  referrers.forEach((r, i) => {
    if (typeof r?.artifactType !== 'string') throw new Error(`referrers[${i}].artifactType must be a string`);
    const empty = jsonBlob(out, EMPTY_MEDIA_TYPE, {});
    const payload = jsonBlob(out, r.mediaType ?? r.artifactType, {
      referrer: i,
      seed,
      artifactType: r.artifactType,
    });
    const annotations = annotationsMember(r.annotations);
    const manifest = doc(
      MEDIA.oci.manifest,
      {
        schemaVersion: 2,
        mediaType: MEDIA.oci.manifest,
        artifactType: r.artifactType,
        config: empty,
        layers: [payload],
        subject,
        ...annotations,
      },
      r.artifactType,
    );
    out.manifests.set(manifest.digest, manifest);
    list.push(descriptorOf(manifest, { artifactType: r.artifactType, ...annotations }));
  });
  out.referrers.set(out.top.digest, list);
}
