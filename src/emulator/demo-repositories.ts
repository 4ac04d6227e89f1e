/** The demo catalog's repositories: what each holds, and the Gallery text it shows. */
import { AMD64, ARM64, ARMV7, helmChart, image, WINDOWS, wasmModule, windowsImage } from './demo-content';
import { ciTags, type ImageSeriesOptions, releaseTags, type TagScheme, variantTags } from './demo-images';

const MB = 1_000_000;
const GB = 1_000_000_000;
const BOTH = ['x86-64', 'ARM 64'];

export interface Catalog {
  title: string;
  description: string;
  architectures?: string[];
  operatingSystems?: string[];
  logo?: boolean;
  marketplaceCertified?: boolean;
}

export interface DemoRepository {
  name: string;
  createdAt: string;
  images: number;
  series?: ImageSeriesOptions;
  catalog?: Catalog;
  tags?: Record<string, string>;
}

const NODE_VERSIONS =
  '18.19.0 18.19.1 18.20.0 18.20.4 20.10.0 20.11.0 20.11.1 20.12.2 20.15.1 20.18.0 22.2.0 22.4.1 22.9.0 22.11.0'.split(
    ' ',
  );
const PYTHON_VERSIONS = '3.10.13 3.10.14 3.11.7 3.11.8 3.11.9 3.12.1 3.12.2 3.12.4 3.12.7 3.13.0 3.13.1'.split(' ');
const WINDOWS_VERSIONS =
  '10.0.17763.5458 10.0.17763.5696 10.0.17763.6054 10.0.20348.2322 10.0.20348.2461 10.0.20348.2700'.split(' ');

/** Helm chart versions, one per push, `latest` never (helm pushes versions only). */
const chartTags: TagScheme = (i) => [`0.${Math.floor(i / 3) + 1}.${i % 3}`];

export const ACME: DemoRepository[] = [
  {
    name: 'web/frontend',
    createdAt: '2023-11-02T10:15:00Z',
    images: 48,
    series: {
      sizeBytes: [40 * MB, 90 * MB],
      content: image({
        signed: true,
        runtime: {
          entrypoint: ['/usr/local/bin/server'],
          user: '10001',
          workingDir: '/srv',
          exposedPorts: ['8080/tcp'],
        },
      }),
    },
    tags: { team: 'web', env: 'production' },
    catalog: {
      title: 'Acme web frontend',
      description: 'The server-rendered storefront of acme.example, built nightly from main.',
      architectures: BOTH,
      logo: true,
    },
  },
  {
    name: 'web/api-gateway',
    createdAt: '2023-11-20T08:00:00Z',
    images: 36,
    series: {
      sizeBytes: [60 * MB, 120 * MB],
      content: image({
        signed: true,
        runtime: { entrypoint: ['/usr/local/bin/envoy'], exposedPorts: ['8443/tcp', '9901/tcp'] },
      }),
    },
    tags: { team: 'web' },
    catalog: {
      title: 'API gateway',
      description: 'Envoy-based edge gateway with Acme routing and auth filters.',
      architectures: BOTH,
    },
  },
  {
    name: 'web/docs-site',
    createdAt: '2024-02-14T12:00:00Z',
    images: 14,
    series: {
      sizeBytes: [20 * MB, 35 * MB],
      indexShare: 0,
      content: image({ runtime: { cmd: ['nginx', '-g', 'daemon off;'], exposedPorts: ['80/tcp'] } }),
    },
  },
  {
    name: 'data/etl-worker',
    createdAt: '2023-09-05T07:30:00Z',
    images: 64,
    series: {
      sizeBytes: [300 * MB, 700 * MB],
      tags: releaseTags(3),
      content: image({ platforms: [AMD64], runtime: { entrypoint: ['python', '-m', 'etl'], user: 'etl' } }),
    },
    tags: { team: 'data', 'cost-center': 'cc-4410' },
    catalog: {
      title: 'ETL worker',
      description: 'Batch extract-transform-load worker for the Acme data lake.',
      architectures: ['x86-64'],
    },
  },
  {
    name: 'data/stream-processor',
    createdAt: '2024-03-01T09:00:00Z',
    images: 27,
    series: {
      sizeBytes: [250 * MB, 400 * MB],
      content: image({ runtime: { entrypoint: ['/opt/stream/bin/run'], user: '1001' } }),
    },
    tags: { team: 'data' },
    catalog: {
      title: 'Stream processor',
      description: 'Kafka consumers that enrich click streams in real time.',
      architectures: BOTH,
    },
  },
  {
    name: 'data/notebooks',
    createdAt: '2024-04-18T15:45:00Z',
    images: 9,
    series: {
      sizeBytes: [2.5 * GB, 3.8 * GB],
      indexShare: 0,
      content: image({
        runtime: { cmd: ['start-notebook.py'], user: 'jovyan', workingDir: '/home/jovyan', exposedPorts: ['8888/tcp'] },
      }),
    },
    catalog: {
      title: 'Data notebooks',
      description: 'JupyterLab with the Acme data science stack preinstalled.',
      architectures: ['x86-64'],
    },
  },
  {
    name: 'platform/base-images/node',
    createdAt: '2023-06-12T11:00:00Z',
    images: NODE_VERSIONS.length * 3,
    tags: { team: 'platform', tier: 'base' },
    series: {
      sizeBytes: [45 * MB, 380 * MB],
      indexShare: 1,
      tags: variantTags(NODE_VERSIONS, ['', '-alpine', '-slim']),
      content: image({
        signed: true,
        platforms: [AMD64, ARM64, ARMV7],
        runtime: { cmd: ['node'], workingDir: '/app' },
      }),
      intervalHours: 240,
    },
    catalog: {
      title: 'Node.js base image',
      description: 'Hardened Node.js runtime images, rebuilt on every upstream release.',
      architectures: BOTH,
      logo: true,
      marketplaceCertified: true,
    },
  },
  {
    name: 'platform/base-images/python',
    createdAt: '2023-06-12T11:05:00Z',
    images: PYTHON_VERSIONS.length * 3,
    tags: { team: 'platform', tier: 'base' },
    series: {
      sizeBytes: [50 * MB, 1 * GB],
      indexShare: 1,
      tags: variantTags(PYTHON_VERSIONS, ['', '-slim', '-alpine']),
      content: image({ signed: true, runtime: { cmd: ['python3'] } }),
      intervalHours: 300,
    },
    catalog: {
      title: 'Python base image',
      description: 'CPython runtime images with pip, uv and CA certificates.',
      architectures: BOTH,
      logo: true,
    },
  },
  {
    name: 'platform/base-images/windows-servercore',
    createdAt: '2023-07-01T09:00:00Z',
    images: WINDOWS_VERSIONS.length,
    series: {
      sizeBytes: [4.6 * GB, 6.2 * GB],
      indexShare: 0,
      tags: variantTags(WINDOWS_VERSIONS, ['']),
      content: windowsImage,
      intervalHours: 720,
    },
    catalog: {
      title: 'Windows Server Core',
      description: 'Windows Server Core LTSC images with .NET Framework 4.8.',
      architectures: ['x86-64'],
      operatingSystems: ['Windows'],
    },
  },
  {
    name: 'platform/ci-runner',
    createdAt: '2023-03-01T08:00:00Z',
    images: 2600,
    series: {
      sizeBytes: [800 * MB, 1.6 * GB],
      tags: ciTags,
      intervalHours: 3,
      content: image({ attestations: false, runtime: { entrypoint: ['/runner/run.sh'], user: 'runner' } }),
    },
    tags: { team: 'platform', env: 'ci' },
    catalog: {
      title: 'CI runner',
      description: 'Self-hosted CI runner image, one build per merge to main.',
      architectures: BOTH,
    },
  },
  {
    name: 'ml/model-server',
    createdAt: '2024-01-22T14:00:00Z',
    images: 18,
    series: {
      sizeBytes: [3.9 * GB, 9.5 * GB],
      indexShare: 0,
      tags: releaseTags(2),
      // The CUDA runtime is licensed: a non-distributable layer, so sizes past 4 GiB show without their bytes.
      content: image({
        platforms: [AMD64],
        runtime: { entrypoint: ['/opt/serve'], exposedPorts: ['8000/tcp', '8001/tcp'] },
        foreignLayerUrls: ['https://developer.download.example.com/cuda/12.4/runtime.tar.gz'],
      }),
    },
    tags: { team: 'ml' },
    catalog: {
      title: 'Model server',
      description: 'GPU inference server (CUDA 12) for Acme recommendation models.',
      architectures: ['x86-64'],
    },
  },
  {
    name: 'tools/cli',
    createdAt: '2023-10-10T10:10:00Z',
    images: 22,
    series: {
      sizeBytes: [7 * MB, 15 * MB],
      content: image({ signed: true, platforms: [AMD64, ARM64, WINDOWS], runtime: { entrypoint: ['/acme'] } }),
    },
    catalog: {
      title: 'acme CLI',
      description: 'The acme command-line tool in a distroless image.',
      architectures: BOTH,
      operatingSystems: ['Linux', 'Windows'],
      logo: true,
    },
  },
  {
    name: 'tools/healthcheck',
    createdAt: '2024-05-01T12:00:00Z',
    images: 5,
    series: {
      sizeBytes: [350_000, 900_000],
      content: image({ platforms: [AMD64, ARM64, ARMV7], runtime: { entrypoint: ['/healthcheck'], user: '65534' } }),
    },
    catalog: {
      title: 'healthcheck',
      description: 'A static 400 KB HTTP probe for scratch-based images.',
      architectures: BOTH,
    },
  },
  {
    name: 'security/scanner',
    createdAt: '2024-06-03T16:20:00Z',
    images: 12,
    series: {
      sizeBytes: [120 * MB, 200 * MB],
      content: image({ signed: true, runtime: { entrypoint: ['/usr/bin/scan'] } }),
    },
    tags: { team: 'security' },
  },
  { name: 'sandbox/playground', createdAt: '2024-09-09T09:09:00Z', images: 0 },
  {
    name: 'charts/storefront',
    createdAt: '2024-03-15T10:00:00Z',
    images: 9,
    series: {
      sizeBytes: [4_000, 12_000],
      intervalHours: 168,
      tags: chartTags,
      content: helmChart('storefront', '1.4.2'),
    },
    tags: { team: 'web', kind: 'helm' },
  },
  {
    name: 'web/edge-filters',
    createdAt: '2024-07-01T08:00:00Z',
    images: 6,
    series: { sizeBytes: [90_000, 400_000], intervalHours: 72, content: wasmModule },
  },
];

export const LUMEN: DemoRepository[] = [
  {
    name: 'lumen/cli',
    createdAt: '2024-02-01T00:00:00Z',
    images: 11,
    series: { sizeBytes: [5 * MB, 9 * MB], content: image({ signed: true, runtime: { entrypoint: ['/lumen'] } }) },
    catalog: {
      title: 'Lumen CLI',
      description: 'Command-line client for Lumen, the open-source feature-flag service.',
      architectures: BOTH,
    },
  },
  {
    name: 'lumen/server',
    createdAt: '2024-02-01T00:05:00Z',
    images: 24,
    series: {
      sizeBytes: [70 * MB, 110 * MB],
      content: image({
        signed: true,
        runtime: { entrypoint: ['/lumen-server'], user: '10001', workingDir: '/srv', exposedPorts: ['4242/tcp'] },
      }),
    },
    tags: { project: 'lumen' },
    catalog: {
      title: 'Lumen server',
      description: 'The Lumen feature-flag server with its embedded UI.',
      architectures: BOTH,
      logo: true,
    },
  },
];
