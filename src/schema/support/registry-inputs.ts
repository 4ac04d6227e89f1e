/**
 * The gateway's own checks of registry arguments, refused as BAD_USER_INPUT before any request:
 * aliases as the API model's RegistryAliasName, names as its RepositoryName, references as the
 * Distribution spec's tag grammar or a sha256 digest, media types as RFC 6838 names.
 */
import { badUserInput } from '../../errors';
import { constraintsOf } from '../../model/constraints';
import { checkRepositoryName } from './inputs';

const alias = constraintsOf('RegistryAliasName');
/** distribution-spec: `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`. */
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const MEDIA_TYPE = /^[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}\/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}$/;

export function checkAlias(value: string): string {
  const { length, pattern } = alias;
  const ok =
    value.length >= (length?.min ?? 1) && value.length <= (length?.max ?? 50) && (pattern?.test(value) ?? true);
  if (!ok) throw badUserInput(`registry alias '${value.slice(0, 80)}' is not a valid ECR Public alias`);
  return value;
}

export const checkPublicName = (value: string): string => checkRepositoryName(value);

export function checkReference(value: string): string {
  if (!TAG.test(value) && !DIGEST.test(value)) {
    throw badUserInput(`reference '${value.slice(0, 80)}' is neither a tag nor a sha256 digest`);
  }
  return value;
}

export function checkArtifactType(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!MEDIA_TYPE.test(value)) throw badUserInput(`artifactType '${value.slice(0, 80)}' is not a media type`);
  return value;
}
