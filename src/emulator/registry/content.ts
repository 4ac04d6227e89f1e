/**
 * Fixture `content` (../shared/CONTRACT.md "Image contents") -> the deterministic documents the
 * registry serves: the top manifest (index or single manifest), platform manifests, attestation
 * manifests, config blobs, referrer manifests, and layer blobs whose bytes are generated on demand
 * (layers.ts). The shapes are in content-types.ts.
 */

import { buildArtifact } from './artifact';
import { addReferrers, attestationFor } from './attachments';
import type { BuiltContent, ContentPlatform, Descriptor, ImageContent } from './content-types';
import { annotationsMember, descriptorOf, doc } from './documents';
import { familyOf, MEDIA } from './media-types';
import { type BuiltPlatform, buildPlatform, platformOf } from './platform';

export type * from './content-types';
export { sha256 } from './documents';

function emptyOut(): BuiltContent {
  return {
    top: undefined as unknown as BuiltContent['top'],
    sizeInBytes: 0,
    artifactMediaType: undefined,
    manifests: new Map(),
    blobs: new Map(),
    referrers: new Map(),
  };
}

function buildIndex(content: ImageContent, platforms: ContentPlatform[], seed: string, out: BuiltContent): void {
  const family = familyOf(content.mediaType) ?? 'oci';
  if (content.attestations && family !== 'oci') throw new Error('attestations need an OCI index');
  const built = platforms.map((p) => buildPlatform(p, family, seed, out));
  const manifests: Descriptor[] = built.map((b, i) =>
    descriptorOf(b.manifest, { platform: platformOf(platforms[i] as ContentPlatform) }),
  );
  // BuildKit lists the attestation manifests after every platform.
  if (content.attestations) manifests.push(...built.map((b) => attestationFor(b.manifest, out)));
  out.sizeInBytes = Math.max(...built.map((b) => b.size));
  out.top = doc(content.mediaType, {
    schemaVersion: 2,
    mediaType: content.mediaType,
    manifests,
    ...annotationsMember(content.annotations),
  });
  out.manifests.set(out.top.digest, out.top);
}

/** Builds an image's content; `seed` (its JSON, see derive.ts) makes layer bytes distinct. */
export function buildContent(content: ImageContent, seed: string): BuiltContent {
  const family = familyOf(content.mediaType);
  if (!family) throw new Error(`mediaType ${content.mediaType} is not an index or image manifest`);
  const isIndex = content.mediaType === MEDIA[family].index;
  const out = emptyOut();
  if (content.artifact !== undefined) {
    if (content.platforms !== undefined) throw new Error('an artifact has no platforms');
    if (content.mediaType !== MEDIA.oci.manifest) throw new Error(`an artifact's mediaType is ${MEDIA.oci.manifest}`);
    const artifact = buildArtifact(content.artifact, seed, out, content.annotations);
    Object.assign(out, { top: artifact.manifest, sizeInBytes: artifact.size });
    out.artifactMediaType = artifact.configMediaType;
  } else {
    const platforms = content.platforms;
    if (!Array.isArray(platforms) || !platforms.length)
      throw new Error('platforms must name at least one platform (or artifact be given)');
    if (isIndex) buildIndex(content, platforms, seed, out);
    else {
      if (platforms.length !== 1) throw new Error('a single manifest has exactly one platform');
      if (content.attestations) throw new Error('attestations need an OCI index');
      const built: BuiltPlatform = buildPlatform(
        platforms[0] as ContentPlatform,
        family,
        seed,
        out,
        content.annotations,
      );
      Object.assign(out, { top: built.manifest, sizeInBytes: built.size });
      out.artifactMediaType = MEDIA[family].config;
    }
  }
  if (content.referrers !== undefined) {
    if (!Array.isArray(content.referrers)) throw new Error('referrers must be an array');
    addReferrers(content.referrers, seed, out);
  }
  return out;
}
