import path from 'node:path';
import { DescribeImagesCommand } from '@aws-sdk/client-ecr-public';
import {
  createEmulator,
  type Fixture,
  type FixtureImage,
  type FixtureRegistry,
  type FixtureRegistryAlias,
  type FixtureRepository,
  loadFixture,
  validateFixture,
} from '../../src/emulator';
import { inProcessClient } from './sdk';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** A valid fixture to break one field of. */
function base(): Fixture {
  return {
    registries: [
      {
        registryId: '123456789012',
        aliases: [{ name: 'acme', status: 'ACTIVE', primaryRegistryAlias: true, defaultRegistryAlias: true }],
        repositories: [
          {
            repositoryName: 'web/frontend',
            images: [{ imageDigest: `sha256:${'a'.repeat(64)}`, imageTags: ['latest'] }],
          },
          {
            repositoryName: 'web/backend',
            images: [
              { imageDigest: `sha256:${'b'.repeat(64)}`, imageTags: ['v1'] },
              { imageDigest: `sha256:${'c'.repeat(64)}` },
            ],
          },
        ],
      },
    ],
  };
}

const NAME_PATTERN = '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*';

const reg = (f: Fixture) => f.registries[0] as FixtureRegistry;
const repo = (f: Fixture) => reg(f).repositories[1] as FixtureRepository;
const image = (f: Fixture) => repo(f).images?.[1] as FixtureImage;
const alias = (f: Fixture) => reg(f).aliases?.[0] as FixtureRegistryAlias;
/** Sets a field to any value, of the right type or not, as a hand-edited file might. */
const set = (target: object, key: string, value: unknown) => Object.assign(target, { [key]: value });

describe('fixtures', () => {
  it('loads a valid file and serves it', async () => {
    const fixture = loadFixture(path.join(FIXTURES, 'emulator-small.json'));
    const { imageDetails } = await inProcessClient(createEmulator(fixture)).send(
      new DescribeImagesCommand({ repositoryName: 'web/frontend' }),
    );
    expect(imageDetails?.map((i) => i.imageTags)).toEqual([['latest', '1.4.2'], undefined]);
  });

  it('names the file and the field of a bad value, in one line', () => {
    const file = path.join(FIXTURES, 'emulator-bad-digest.json');
    expect(() => loadFixture(file)).toThrow(
      new Error(
        `fixture ${file}: registries[0].repositories[0].images[1].imageDigest: must match sha256:<64 hex digits>`,
      ),
    );
  });

  it('names an unreadable file and one that is not JSON', () => {
    const missing = path.join(FIXTURES, 'no-such-fixture.json');
    expect(() => loadFixture(missing)).toThrow(new RegExp(`^fixture ${missing}: cannot read: ENOENT[^\\n]*$`));
    const notJson = path.join(FIXTURES, 'emulator-not-json.txt');
    expect(() => loadFixture(notJson)).toThrow(new RegExp(`^fixture ${notJson}: not valid JSON: [^\\n]+$`));
  });

  it.each<[string, (f: Fixture) => unknown, string]>([
    [
      'no registries',
      (f) => set(f, 'registries', []),
      'registries: must hold at least one registry (the first is the caller’s own)',
    ],
    [
      'a registryId off the model pattern',
      (f) => set(reg(f), 'registryId', '12345'),
      'registries[0].registryId: must satisfy regular expression pattern: [0-9]{12}',
    ],
    ['an unknown field', (f) => set(repo(f), 'imagez', []), 'registries[0].repositories[1].imagez: unknown field'],
    [
      'a repository name off the pattern',
      (f) => set(repo(f), 'repositoryName', 'Web/Backend'),
      `registries[0].repositories[1].repositoryName: must satisfy regular expression pattern: ${NAME_PATTERN}`,
    ],
    [
      'a repository name too long',
      (f) => set(repo(f), 'repositoryName', 'a'.repeat(206)),
      'registries[0].repositories[1].repositoryName: must have length less than or equal to 205',
    ],
    [
      'a duplicate repository',
      (f) => set(repo(f), 'repositoryName', 'web/frontend'),
      'registries[0].repositories[1].repositoryName: duplicates the name of registries[0].repositories[0]',
    ],
    [
      'a duplicate digest',
      (f) => set(image(f), 'imageDigest', `sha256:${'b'.repeat(64)}`),
      'registries[0].repositories[1].images[1].imageDigest: duplicates the digest of registries[0].repositories[1].images[0]',
    ],
    [
      'a tag on two images',
      (f) => set(image(f), 'imageTags', ['v2', 'v1']),
      "registries[0].repositories[1].images[1].imageTags[1]: tag 'v1' is already on registries[0].repositories[1].images[0]",
    ],
    [
      'a tag too long',
      (f) => set(image(f), 'imageTags', ['t'.repeat(301)]),
      'registries[0].repositories[1].images[1].imageTags[0]: must have length less than or equal to 300',
    ],
    [
      'a size that is not an integer',
      (f) => set(image(f), 'imageSizeInBytes', '12'),
      'registries[0].repositories[1].images[1].imageSizeInBytes: must be an integer (exact up to 2^53 - 1)',
    ],
    [
      'a negative size',
      (f) => set(image(f), 'imageSizeInBytes', -1),
      'registries[0].repositories[1].images[1].imageSizeInBytes: must not be negative',
    ],
    [
      'a push time that is no date',
      (f) => set(image(f), 'imagePushedAt', 'yesterday'),
      'registries[0].repositories[1].images[1].imagePushedAt: must be an ISO-8601 date-time such as 2024-05-01T12:00:00Z',
    ],
    [
      'an alias status off the enum',
      (f) => set(alias(f), 'status', 'LIVE'),
      'registries[0].aliases[0].status: must satisfy enum value set: [ACTIVE, PENDING, REJECTED]',
    ],
    [
      'an alias without its flags',
      (f) => Reflect.deleteProperty(alias(f), 'defaultRegistryAlias'),
      'registries[0].aliases[0].defaultRegistryAlias: must not be null',
    ],
    [
      'catalog data past the model limit',
      (f) => set(repo(f), 'catalogData', { description: 'd'.repeat(1025) }),
      'registries[0].repositories[1].catalogData.description: must have length less than or equal to 1024',
    ],
    [
      'an unknown catalog field',
      (f) => set(repo(f), 'catalogData', { summary: 'x' }),
      'registries[0].repositories[1].catalogData.summary: unknown field',
    ],
    [
      'a tag without a key',
      (f) => set(repo(f), 'tags', [{ Value: 'x' }]),
      'registries[0].repositories[1].tags[0].Key: must not be null',
    ],
  ])('refuses %s', (_, breakIt, message) => {
    const fixture = base();
    breakIt(fixture);
    expect(() => validateFixture(fixture, 'inline.json')).toThrow(new Error(`fixture inline.json: ${message}`));
  });

  it('checks what createEmulator is given, as loadFixture checks a file', () => {
    const fixture: Fixture = base();
    expect(() => createEmulator(fixture)).not.toThrow();
    reg(fixture).registryId = 'acme';
    expect(() => createEmulator(fixture)).toThrow(
      /^fixture \(createEmulator argument\): registries\[0\]\.registryId: /,
    );
  });
});
