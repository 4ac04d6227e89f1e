/**
 * Global ids: `<base64url of Type:local-id>.<check>`, the check a truncated SHA-256 of that text.
 * Local ids join the keys that name an object in ECR Public: `<registryId>:<repositoryName>` for a
 * repository and `<registryId>:<repositoryName>@<imageDigest>` for an image (repository names
 * cannot hold `:` or `@`, so the parts split back unambiguously). A malformed id is
 * BAD_USER_INPUT, never a crash.
 *
 * Only the exact text encodeId wrote is accepted (contract, "Cursors (addendum)"): a character
 * appended, removed or changed anywhere is refused before any upstream call. The check is what
 * makes a changed character that still spells a well-formed id (another digest, another name) fail;
 * it is not a secret, as ids grant nothing (anyone may name any public image), so ids stay the
 * same across replicas and restarts.
 */
import { createHash } from 'node:crypto';
import type { RepositoryKey } from '../../data/batching/refs';
import { badUserInput } from '../../errors';
import { checkImageDigest, checkRepositoryName, checkRequiredRegistryId } from './inputs';

/** Far past the longest real id (a 256-character repository name and a digest: about 500). */
const MAX_ID_LENGTH = 1024;

/** 9 bytes: 12 base64url characters with no padding bits. */
const check = (text: string): string =>
  createHash('sha256').update('ecr-public-gateway/id\0').update(text).digest().subarray(0, 9).toString('base64url');

const idOf = (text: string): string => `${Buffer.from(text, 'utf8').toString('base64url')}.${check(text)}`;

export function encodeId(typename: string, id: string | number | bigint): string {
  return idOf(`${typename}:${id}`);
}

export function decodeId(globalID: string): { typename: string; id: string } {
  const dot = globalID.indexOf('.');
  if (dot < 1 || globalID.length > MAX_ID_LENGTH) throw badUserInput('Malformed global id');
  const decoded = Buffer.from(globalID.slice(0, dot), 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  // Buffer.from ignores what is not base64url, a tail and the padding bits; re-encoding the text it
  // read, check included, tells the exact id from any other spelling and from a changed one.
  if (colon < 1 || idOf(decoded) !== globalID) throw badUserInput('Malformed global id');
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
