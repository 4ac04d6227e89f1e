/**
 * Reading and checking a fixture (../shared/CONTRACT.md "Fixture format"). Every problem is one line
 * naming the source and the field:
 *   fixture /x.json: registries[0].repositories[3].images[7].imageDigest: must match sha256:<64 hex digits>
 * Model shapes (RegistryId, RepositoryName, ImageTag, catalog data, tags, aliases) are checked
 * against the API model's constraints; what the model leaves open follows the contract.
 */
import { readFileSync } from 'node:fs';
import { modelShape } from '../model';
import type { Fixture, FixtureImage } from './fixture-types';
import type { BuiltContent } from './registry/content';
import { builtContentOf } from './registry/derive';
import { checkShape, describeRule, type PathSegment, type Violation } from './validation';

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

const REGISTRY_KEYS = ['registryId', 'aliases', 'verified', 'catalogData', 'repositories'];
const REPOSITORY_KEYS = ['repositoryName', 'createdAt', 'catalogData', 'tags', 'images'];
const IMAGE_KEYS = [
  'imageDigest',
  'imageTags',
  'imageSizeInBytes',
  'imagePushedAt',
  'imageManifestMediaType',
  'artifactMediaType',
  'content',
];

const TYPE_WORDS: Record<string, string> = {
  structure: 'an object',
  list: 'an array',
  string: 'a string',
  enum: 'a string',
  blob: 'a string',
  integer: 'an integer',
  long: 'an integer (exact up to 2^53 - 1)',
  boolean: 'a boolean',
  timestamp: 'a number',
};

class FixtureProblem extends Error {}

const child = (path: string, key: PathSegment) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

function problem(path: string, what: string): never {
  throw new FixtureProblem(`${path || '(root)'}: ${what}`);
}

function record(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) problem(path, 'must be an object');
  for (const key of Object.keys(value)) if (!allowed.includes(key)) problem(child(path, key), 'unknown field');
  return value as Record<string, unknown>;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) problem(path, 'must be an array');
  return value;
}

function violationText(v: Violation): string {
  return v.kind === 'type' ? `must be ${TYPE_WORDS[v.expected]}` : describeRule(v.rule);
}

/** A value of a model shape, structures closed to members the model does not have. */
function modelValue(shapeName: string, value: unknown, path: string): void {
  const [first] = checkShape(shapeName, value);
  if (first) problem(first.path.reduce<string>(child, path), violationText(first));
  const shape = modelShape(shapeName);
  const items =
    shape.type === 'list'
      ? (value as unknown[]).map((v, i) => [modelShape(shape.member ?? ''), v, child(path, i)] as const)
      : [[shape, value, path] as const];
  for (const [s, v, p] of items) if (s.members) record(v, p, Object.keys(s.members));
}

function timestamp(value: unknown, path: string): void {
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || !Number.isFinite(Date.parse(value))) {
    problem(path, 'must be an ISO-8601 date-time such as 2024-05-01T12:00:00Z');
  }
}

function checkContent(image: Record<string, unknown>, path: string): BuiltContent | undefined {
  if (image.content === undefined) return undefined;
  record(image.content, path, ['mediaType', 'platforms', 'artifact', 'annotations', 'attestations', 'referrers']);
  try {
    return builtContentOf(image as FixtureImage);
  } catch (error) {
    problem(path, (error as Error).message);
  }
}

function checkImage(value: unknown, path: string, digests: Map<string, string>, tags: Map<string, string>): void {
  const image = record(value, path, IMAGE_KEYS);
  const built = checkContent(image, child(path, 'content'));
  const digest = image.imageDigest ?? built?.top.digest;
  if (typeof digest !== 'string' || !DIGEST.test(digest))
    problem(child(path, 'imageDigest'), 'must match sha256:<64 hex digits>');
  if (built && digest !== built.top.digest)
    problem(child(path, 'imageDigest'), `differs from the digest of its content's manifest, ${built.top.digest}`);
  const twin = digests.get(digest);
  if (twin) problem(child(path, 'imageDigest'), `duplicates the digest of ${twin}`);
  digests.set(digest, path);
  if (image.imageTags !== undefined) {
    modelValue('ImageTagList', image.imageTags, child(path, 'imageTags'));
    (image.imageTags as string[]).forEach((tag, i) => {
      const owner = tags.get(tag);
      if (owner) problem(child(child(path, 'imageTags'), i), `tag '${tag}' is already on ${owner}`);
      tags.set(tag, path);
    });
  }
  if (image.imageSizeInBytes !== undefined) {
    modelValue('ImageSizeInBytes', image.imageSizeInBytes, child(path, 'imageSizeInBytes'));
    if ((image.imageSizeInBytes as number) < 0) problem(child(path, 'imageSizeInBytes'), 'must not be negative');
  }
  if (image.imagePushedAt !== undefined) timestamp(image.imagePushedAt, child(path, 'imagePushedAt'));
  for (const key of ['imageManifestMediaType', 'artifactMediaType']) {
    if (image[key] !== undefined) modelValue('MediaType', image[key], child(path, key));
  }
}

function checkRepository(value: unknown, path: string, names: Map<string, string>): void {
  const repo = record(value, path, REPOSITORY_KEYS);
  modelValue('RepositoryName', repo.repositoryName, child(path, 'repositoryName'));
  const twin = names.get(repo.repositoryName as string);
  if (twin) problem(child(path, 'repositoryName'), `duplicates the name of ${twin}`);
  names.set(repo.repositoryName as string, path);
  if (repo.createdAt !== undefined) timestamp(repo.createdAt, child(path, 'createdAt'));
  if (repo.catalogData !== undefined) modelValue('RepositoryCatalogData', repo.catalogData, child(path, 'catalogData'));
  if (repo.tags !== undefined) {
    modelValue('TagList', repo.tags, child(path, 'tags'));
    (repo.tags as { Key?: unknown }[]).forEach((t, i) => {
      if (t.Key === undefined) problem(child(child(child(path, 'tags'), i), 'Key'), 'must not be null');
    });
  }
  if (repo.images === undefined) return;
  const digests = new Map<string, string>();
  const tags = new Map<string, string>();
  list(repo.images, child(path, 'images')).forEach((image, i) => {
    checkImage(image, child(child(path, 'images'), i), digests, tags);
  });
}

function checkRegistry(value: unknown, path: string, ids: Map<string, string>): void {
  const registry = record(value, path, REGISTRY_KEYS);
  modelValue('RegistryId', registry.registryId, child(path, 'registryId'));
  const twin = ids.get(registry.registryId as string);
  if (twin) problem(child(path, 'registryId'), `duplicates the registryId of ${twin}`);
  ids.set(registry.registryId as string, path);
  if (registry.aliases !== undefined) {
    modelValue('RegistryAliasList', registry.aliases, child(path, 'aliases'));
    const aliases = registry.aliases as { primaryRegistryAlias: boolean; defaultRegistryAlias: boolean }[];
    if (aliases.filter((a) => a.primaryRegistryAlias).length > 1)
      problem(child(path, 'aliases'), 'at most one alias may be primary');
    if (aliases.filter((a) => a.defaultRegistryAlias).length > 1)
      problem(child(path, 'aliases'), 'at most one alias may be default');
  }
  if (registry.verified !== undefined) modelValue('RegistryVerified', registry.verified, child(path, 'verified'));
  if (registry.catalogData !== undefined)
    modelValue('RegistryCatalogData', registry.catalogData, child(path, 'catalogData'));
  const names = new Map<string, string>();
  list(registry.repositories, child(path, 'repositories')).forEach((repo, i) => {
    checkRepository(repo, child(child(path, 'repositories'), i), names);
  });
}

/** `value` as a Fixture, or an Error whose message is one line naming `sourceName` and the field. */
export function validateFixture(value: unknown, sourceName: string): Fixture {
  try {
    const root = record(value, '', ['registries']);
    const registries = list(root.registries, 'registries');
    if (registries.length === 0)
      problem('registries', 'must hold at least one registry (the first is the caller’s own)');
    const ids = new Map<string, string>();
    registries.forEach((registry, i) => {
      checkRegistry(registry, child('registries', i), ids);
    });
    return value as Fixture;
  } catch (error) {
    if (error instanceof FixtureProblem) throw new Error(`fixture ${sourceName}: ${error.message}`);
    throw error;
  }
}

export function loadFixture(path: string): Fixture {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`fixture ${path}: cannot read: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`fixture ${path}: not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  return validateFixture(value, path);
}
