/**
 * The bundled demo catalog that `npm start` and `npm run emulator` serve without a fixture: the
 * caller's registry `acme` (123456789012) with seventeen repositories (a Helm chart and WASM modules among them), one with 2,600 images,
 * and a second registry `lumen` (210987654321). Deterministic: the same catalog on every run.
 */
import { generateImages } from './demo-images';
import { ACME, type Catalog, type DemoRepository, LUMEN } from './demo-repositories';
import type { Fixture, FixtureRepository, FixtureRepositoryCatalogData } from './fixture-types';

function catalogData(alias: string, name: string, c: Catalog): FixtureRepositoryCatalogData {
  const uri = `public.ecr.aws/${alias}/${name}`;
  const data: FixtureRepositoryCatalogData = {
    description: c.description,
    architectures: c.architectures ?? ['x86-64'],
    operatingSystems: c.operatingSystems ?? ['Linux'],
    aboutText: `# ${c.title}\n\n${c.description}\n\n## Tags\n\n- \`latest\`: the newest build\n- semantic versions (\`1.4.2\`) for releases\n- \`git-<sha>\` for every build of main\n\nMaintained by the ${alias} platform team.`,
    usageText: `## Pull\n\n\`\`\`sh\ndocker pull ${uri}:latest\n\`\`\`\n\n## Run\n\n\`\`\`sh\ndocker run --rm ${uri}:latest --help\n\`\`\``,
  };
  if (c.logo) data.logoUrl = `https://d2ao1vs9ta5sv0.cloudfront.net/${alias}/${name.replaceAll('/', '-')}/logo.png`;
  if (c.marketplaceCertified) data.marketplaceCertified = true;
  return data;
}

function repository(alias: string, spec: DemoRepository): FixtureRepository {
  const repo: FixtureRepository = {
    repositoryName: spec.name,
    createdAt: spec.createdAt,
    images: generateImages(`${alias}/${spec.name}`, spec.images, { firstPush: spec.createdAt, ...spec.series }),
  };
  if (spec.catalog) repo.catalogData = catalogData(alias, spec.name, spec.catalog);
  if (spec.tags) repo.tags = Object.entries(spec.tags).map(([Key, Value]) => ({ Key, Value }));
  return repo;
}

/** Built once per process: its content takes a moment (every manifest and blob is hashed). */
let built: Fixture | undefined;

function freeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) freeze(v);
  return Object.freeze(value);
}

/**
 * A fresh copy of the demo catalog on each call; only the images' `content` objects are shared
 * between copies, and frozen.
 */
export function createDemoCatalog(): Fixture {
  built ??= build();
  return {
    registries: built.registries.map(({ repositories, ...registry }) => ({
      ...structuredClone(registry),
      repositories: repositories.map(({ images, ...repo }) => ({
        ...structuredClone(repo),
        ...(images
          ? { images: images.map((i) => ({ ...i, ...(i.imageTags ? { imageTags: [...i.imageTags] } : {}) })) }
          : {}),
      })),
    })),
  };
}

function build(): Fixture {
  const fixture: Fixture = {
    registries: [
      {
        registryId: '123456789012',
        aliases: [{ name: 'acme', status: 'ACTIVE', primaryRegistryAlias: true, defaultRegistryAlias: true }],
        verified: true,
        catalogData: { displayName: 'Acme Corp' },
        repositories: ACME.map((r) => repository('acme', r)),
      },
      {
        registryId: '210987654321',
        aliases: [
          { name: 'lumen', status: 'ACTIVE', primaryRegistryAlias: true, defaultRegistryAlias: true },
          { name: 'lumen-labs', status: 'PENDING', primaryRegistryAlias: false, defaultRegistryAlias: false },
        ],
        verified: false,
        catalogData: { displayName: 'Lumen' },
        repositories: LUMEN.map((r) => repository('lumen', r)),
      },
    ],
  };
  for (const image of fixture.registries.flatMap((r) => r.repositories).flatMap((r) => r.images ?? []))
    freeze(image.content);
  return fixture;
}
