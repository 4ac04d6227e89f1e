/**
 * Fixture `content` (../shared/CONTRACT.md "Image contents"): what the registry serves for an image,
 * and what is built from it.
 */
import type { LayerBlob } from './layers';

/**
 * A layer: its compressed size in bytes, or with its media type. With `urls` it is non-distributable
 * (a Windows base layer, a licensed CUDA layer): the manifest names it, the registry holds no bytes
 * for it, and its digest stands for the bytes at those URLs.
 */
export type ContentLayer = number | { size: number; mediaType?: string; urls?: string[] };

export interface ContentPlatform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
  created?: string;
  labels?: Record<string, string>;
  config?: { entrypoint?: string[]; cmd?: string[]; user?: string; workingDir?: string; exposedPorts?: string[] };
  layers: ContentLayer[];
}

/** A non-image artifact in one OCI manifest: a Helm chart, a WASM module, a policy bundle. */
export interface ContentArtifact {
  /** OCI 1.1 `artifactType`; without `configMediaType` the config is the empty descriptor. */
  artifactType?: string;
  /** The config's media type (Helm: application/vnd.cncf.helm.config.v1+json); its body is `config`. */
  configMediaType?: string;
  config?: Record<string, unknown>;
  layers: ContentLayer[];
}

export interface ContentReferrer {
  artifactType: string;
  annotations?: Record<string, string>;
  /** The payload layer's media type. @default artifactType */
  mediaType?: string;
}

export interface ImageContent {
  mediaType: string;
  /** An image: an index's platforms, or a single manifest's one. */
  platforms?: ContentPlatform[];
  /** Instead of `platforms`: a non-image artifact (mediaType an OCI manifest). */
  artifact?: ContentArtifact;
  /** The top manifest's annotations. */
  annotations?: Record<string, string>;
  /** An OCI index only: one attestation manifest (unknown/unknown, SLSA provenance and SPDX) per platform, as BuildKit pushes. */
  attestations?: boolean;
  /** Manifests whose `subject` is the top manifest (signatures, SBOMs), served by the Referrers API. */
  referrers?: ContentReferrer[];
}

export interface Document {
  mediaType: string;
  bytes: Buffer;
  digest: string;
  artifactType?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
  platform?: Record<string, string>;
  urls?: string[];
}

/** Everything one image's content serves, addressed by digest. */
export interface BuiltContent {
  top: Document;
  /** config + layers of the largest platform (AWS's imageSizeInBytes rule for a manifest list). */
  sizeInBytes: number;
  /** A single manifest's config media type (ECR's artifactMediaType); undefined for an index. */
  artifactMediaType: string | undefined;
  manifests: Map<string, Document>;
  blobs: Map<string, Buffer | LayerBlob>;
  /** The referrer manifests, by the digest they refer to. */
  referrers: Map<string, Descriptor[]>;
}
