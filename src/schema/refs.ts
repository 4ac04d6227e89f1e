/**
 * Every object type's reference, declared once with its SDK shape (Pothos: `builder.objectRef`).
 * Each type is implemented in its own file; files that point at another type import its ref from
 * here, never that type's file, so no two type files import each other.
 */
import type {
  ImageDetail,
  Registry,
  RegistryAlias,
  Repository,
  RepositoryCatalogData,
  Tag,
} from '@aws-sdk/client-ecr-public';
import type { Descriptor } from '../data/registry/documents';
import type { ManifestNode, PlatformNode, PublicRepositoryNode, PublicTagNode } from '../data/registry/views';
import type { RepositoryTag } from '../data/source';
import { builder } from './builder';

export const RepositoryType = builder.objectRef<Repository>('Repository');
export const ImageType = builder.objectRef<ImageDetail>('Image');
export const ImageTagType = builder.objectRef<RepositoryTag>('ImageTag');
export const RegistryType = builder.objectRef<Registry>('Registry');
export const RegistryAliasType = builder.objectRef<RegistryAlias>('RegistryAlias');
export const RepositoryCatalogDataType = builder.objectRef<RepositoryCatalogData>('RepositoryCatalogData');
export const ResourceTagType = builder.objectRef<Tag>('ResourceTag');
export const ImageManifestType = builder.objectRef<ManifestNode>('ImageManifest');
export const ImagePlatformType = builder.objectRef<PlatformNode>('ImagePlatform');
export const ImageLayerType = builder.objectRef<Descriptor>('ImageLayer');
export const KeyValueType = builder.objectRef<{ key: string; value: string }>('KeyValue');
export const PublicRepositoryType = builder.objectRef<PublicRepositoryNode>('PublicRepository');
export const PublicTagType = builder.objectRef<PublicTagNode>('PublicTag');
