/**
 * Global ids: base64 of `Type:local-id`, Relay's usual encoding. Local ids join the keys that
 * name an object in ECR Public: `<registryId>:<repositoryName>` for a repository and
 * `<registryId>:<repositoryName>@<imageDigest>` for an image (repository names cannot hold `:` or
 * `@`, so the parts split back unambiguously). A malformed id is BAD_USER_INPUT, never a crash.
 */
import type { RepositoryKey } from '../../data/batching/refs';
import { badUserInput } from '../../errors';
import { checkImageDigest, checkRepositoryName, checkRequiredRegistryId } from './inputs';

export function encodeId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

export function decodeId(globalID: string): { typename: string; id: string } {
  const decoded = Buffer.from(globalID, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // Buffer.from ignores what is not base64; re-encoding tells a real id from noise.
  if (colon < 1 || encodeId(decoded.slice(0, colon), decoded.slice(colon + 1)) !== globalID) {
    throw badUserInput('Malformed global id');
  }
  return { typename: decoded.slice(0, colon), id: decoded.slice(colon + 1) };
}

export interface ImageKey extends RepositoryKey {
  imageDigest: string;
}

export const repositoryLocalId = (key: RepositoryKey): string => `${key.registryId}:${key.repositoryName}`;
export const imageLocalId = (key: ImageKey): string => `${repositoryLocalId(key)}@${key.imageDigest}`;

export function parseRepositoryLocalId(id: string): RepositoryKey {
  const colon = id.indexOf(':');
  if (colon < 0) throw badUserInput('Malformed repository id');
  return {
    registryId: checkRequiredRegistryId(id.slice(0, colon)),
    repositoryName: checkRepositoryName(id.slice(colon + 1)),
  };
}

export function parseImageLocalId(id: string): ImageKey {
  const at = id.indexOf('@');
  if (at < 0) throw badUserInput('Malformed image id');
  return { ...parseRepositoryLocalId(id.slice(0, at)), imageDigest: checkImageDigest(id.slice(at + 1)) };
}
