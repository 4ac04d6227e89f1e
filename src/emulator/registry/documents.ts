/** JSON documents and blobs addressed by the sha256 of their bytes, and descriptors of them. */
import { hash } from 'node:crypto';
import type { BuiltContent, Descriptor, Document } from './content-types';

export const sha256 = (bytes: Buffer): string => `sha256:${hash('sha256', bytes, 'hex')}`;

export function doc(mediaType: string, body: unknown, artifactType?: string): Document {
  const bytes = Buffer.from(JSON.stringify(body));
  return { mediaType, bytes, digest: sha256(bytes), ...(artifactType ? { artifactType } : {}) };
}

export const descriptorOf = (d: Document, extra: Partial<Descriptor> = {}): Descriptor => ({
  mediaType: d.mediaType,
  digest: d.digest,
  size: d.bytes.length,
  ...extra,
});

/** A JSON blob (a config, an attestation statement) kept in `out` and described by `mediaType`. */
export function jsonBlob(out: BuiltContent, mediaType: string, body: unknown, extra: Partial<Descriptor> = {}) {
  const bytes = Buffer.from(JSON.stringify(body));
  const digest = sha256(bytes);
  out.blobs.set(digest, bytes);
  return { mediaType, digest, size: bytes.length, ...extra };
}

/** Annotations as a document member: absent when empty. */
export const annotationsMember = (annotations: Record<string, string> | undefined) =>
  annotations && Object.keys(annotations).length ? { annotations } : {};
