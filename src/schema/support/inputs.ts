/**
 * The gateway's own checks of arguments, with the API model's limits (src/model): input AWS would
 * refuse is refused here, as BAD_USER_INPUT, before any upstream call.
 */
import type { ImageRef } from '../../data/batching/refs';
import { badUserInput } from '../../errors';
import { constraintsOf, type ShapeConstraints } from '../../model/constraints';

const repositoryName = constraintsOf('RepositoryName');
const registryId = constraintsOf('RegistryId');
const imageTag = constraintsOf('ImageTag');
/** The model leaves ImageDigest unconstrained; ECR digests are sha256 and nothing else. */
const imageDigest: ShapeConstraints = { pattern: /^sha256:[a-f0-9]{64}$/ };

function check(value: unknown, what: string, constraints: ShapeConstraints): string {
  // Arguments arrive typed, but federation representations are arbitrary JSON.
  if (typeof value !== 'string') throw badUserInput(`${what} must be a string`);
  const { length, pattern } = constraints;
  if (length?.min !== undefined && value.length < length.min) {
    throw badUserInput(`${what} must be at least ${length.min} characters long`);
  }
  if (length?.max !== undefined && value.length > length.max) {
    throw badUserInput(`${what} must be at most ${length.max} characters long`);
  }
  if (pattern && !pattern.test(value)) {
    throw badUserInput(`${what} '${value.slice(0, 80)}' does not match ${pattern.source}`);
  }
  return value;
}

export const checkRepositoryName = (value: unknown): string => check(value, 'repository name', repositoryName);
export const checkImageTag = (value: unknown): string => check(value, 'image tag', imageTag);
export const checkImageDigest = (value: unknown): string => check(value, 'image digest', imageDigest);
/** A registry id that must be given, as in an entity key. */
export const checkRequiredRegistryId = (value: unknown): string => check(value, 'registryId', registryId);

export function checkRegistryId(value: string | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : check(value, 'registryId', registryId);
}

/** `image(tag:, digest:)`: exactly one of the two. */
export function checkImageRef(tag: string | null | undefined, digest: string | null | undefined): ImageRef {
  const hasTag = tag !== null && tag !== undefined;
  const hasDigest = digest !== null && digest !== undefined;
  if (hasTag === hasDigest) throw badUserInput('Give exactly one of tag and digest');
  return hasTag ? { imageTag: checkImageTag(tag) } : { imageDigest: checkImageDigest(digest as string) };
}
