import type { ImageContent } from './registry/content';

/**
 * The fixture format of ../shared/CONTRACT.md "Fixture format": what the emulator serves.
 * Timestamps are ISO-8601 strings here; the emulator puts them on the wire as epoch seconds.
 */
export interface FixtureImage {
  /** Required unless `content` is given; then it is the sha256 of the top manifest built from it. */
  imageDigest?: string;
  imageTags?: string[];
  imageSizeInBytes?: number;
  imagePushedAt?: string;
  imageManifestMediaType?: string;
  artifactMediaType?: string;
  /** What the registry serves for this image (src/emulator/registry/content.ts). */
  content?: ImageContent;
}

export interface FixtureRepositoryCatalogData {
  description?: string;
  architectures?: string[];
  operatingSystems?: string[];
  logoUrl?: string;
  aboutText?: string;
  usageText?: string;
  marketplaceCertified?: boolean;
}

export interface FixtureRepository {
  repositoryName: string;
  createdAt?: string;
  catalogData?: FixtureRepositoryCatalogData;
  tags?: { Key: string; Value?: string }[];
  images?: FixtureImage[];
}

export interface FixtureRegistryAlias {
  name: string;
  status: 'ACTIVE' | 'PENDING' | 'REJECTED';
  primaryRegistryAlias: boolean;
  defaultRegistryAlias: boolean;
}

export interface FixtureRegistry {
  registryId: string;
  aliases?: FixtureRegistryAlias[];
  verified?: boolean;
  catalogData?: { displayName?: string };
  repositories: FixtureRepository[];
}

/** The first registry is the caller's own: the one meant when a request names no registryId. */
export interface Fixture {
  registries: FixtureRegistry[];
}
