/** ECR Public's output shapes as they travel in JSON: timestamps in epoch seconds. */
export interface ImageDetailWire {
  registryId: string;
  repositoryName: string;
  imageDigest: string;
  imageTags?: string[];
  imageSizeInBytes?: number;
  imagePushedAt?: number;
  imageManifestMediaType?: string;
  artifactMediaType?: string;
}

export interface ReferencedImageDetailWire {
  imageDigest: string;
  imageSizeInBytes?: number;
  imagePushedAt?: number;
  imageManifestMediaType?: string;
  artifactMediaType?: string;
}

export interface ImageTagDetailWire {
  imageTag: string;
  createdAt?: number;
  imageDetail: ReferencedImageDetailWire;
}

export interface RepositoryWire {
  repositoryArn: string;
  registryId: string;
  repositoryName: string;
  repositoryUri: string;
  createdAt?: number;
}

export interface RegistryWire {
  registryId: string;
  registryArn: string;
  registryUri: string;
  verified: boolean;
  aliases: { name: string; status: string; primaryRegistryAlias: boolean; defaultRegistryAlias: boolean }[];
}
