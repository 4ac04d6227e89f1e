/**
 * `ImagePlatform`: one platform of an image. Each field fetches only what it needs: os and
 * architecture come with an index's entry (a single manifest's from its config), sizes and layers
 * from the platform manifest, created, labels and the run settings from the config blob.
 */
import type { GatewayContext } from '../context';
import { registryCost } from '../cost';
import {
  type PlatformNode,
  platformConfigOf,
  platformInfoOf,
  platformManifestOf,
  platformSizeOf,
  sortedEntries,
} from '../data/registry/views';
import { ImageLayerType, ImagePlatformType, KeyValueType } from './refs';

const info = (p: PlatformNode, ctx: GatewayContext) => platformInfoOf(p, ctx.data.contents);
const config = (p: PlatformNode, ctx: GatewayContext) => platformConfigOf(p, ctx.data.contents);
/** Without an index entry, os/architecture come from the config: priced with it. */
const platformCost = registryCost(1, 'platform');
const manifestCost = registryCost(1, 'platform-manifest');
const configCost = registryCost(2, 'config');

ImagePlatformType.implement({
  description: 'One platform an image runs on, such as linux/amd64 or linux/arm64/v8, and what its image holds.',
  fields: (t) => ({
    os: t.string({
      extensions: platformCost,
      description: 'Such as `linux` or `windows`.',
      resolve: async (p, _args, ctx) => (await info(p, ctx)).os,
    }),
    architecture: t.string({
      extensions: platformCost,
      description: 'Such as `amd64`, `arm64`, `arm`, `ppc64le`, `s390x`.',
      resolve: async (p, _args, ctx) => (await info(p, ctx)).architecture,
    }),
    variant: t.string({
      nullable: true,
      extensions: platformCost,
      description: 'The CPU variant, such as `v8` for arm64 or `v7` for arm; null when none is named.',
      resolve: async (p, _args, ctx) => (await info(p, ctx)).variant ?? null,
    }),
    osVersion: t.string({
      nullable: true,
      extensions: platformCost,
      description: 'The OS version a Windows image needs, such as `10.0.20348.2582`; null when none is named.',
      resolve: async (p, _args, ctx) => (await info(p, ctx)).osVersion ?? null,
    }),
    digest: t.string({
      description: "The platform manifest's digest: pull it as `<repository>@<digest>` for this platform alone.",
      resolve: (p) => p.digest,
    }),
    sizeInBytes: t.field({
      type: 'SafeInt',
      extensions: manifestCost,
      description: 'Config and layers, compressed, as a pull of this platform transfers them.',
      resolve: (p, _args, ctx) => platformSizeOf(p, ctx.data.contents),
    }),
    layers: t.field({
      type: [ImageLayerType],
      extensions: manifestCost,
      description: "The platform's layers, base first.",
      resolve: async (p, _args, ctx) => (await platformManifestOf(p, ctx.data.contents)).document.layers,
    }),
    created: t.field({
      type: 'DateTime',
      nullable: true,
      extensions: configCost,
      description: 'When the image was built: its config `created`; null when it names none (or no valid date).',
      resolve: async (p, _args, ctx) => {
        const created = (await config(p, ctx)).created;
        const date = created ? new Date(created) : undefined;
        return date && !Number.isNaN(date.getTime()) ? date : null;
      },
    }),
    labels: t.field({
      type: [KeyValueType],
      extensions: configCost,
      description:
        "The config's labels (`org.opencontainers.image.source`, `...version`, `...licenses`), sorted by key.",
      resolve: async (p, _args, ctx) => sortedEntries((await config(p, ctx)).labels),
    }),
    entrypoint: t.stringList({
      nullable: true,
      extensions: configCost,
      description: "The config's Entrypoint; null when absent or empty.",
      resolve: async (p, _args, ctx) => (await config(p, ctx)).entrypoint ?? null,
    }),
    cmd: t.stringList({
      nullable: true,
      extensions: configCost,
      description: "The config's Cmd; null when absent or empty.",
      resolve: async (p, _args, ctx) => (await config(p, ctx)).cmd ?? null,
    }),
    user: t.string({
      nullable: true,
      extensions: configCost,
      description: 'The user the image runs as; null when absent or empty (root).',
      resolve: async (p, _args, ctx) => (await config(p, ctx)).user ?? null,
    }),
    workingDir: t.string({
      nullable: true,
      extensions: configCost,
      description: "The config's WorkingDir; null when absent or empty.",
      resolve: async (p, _args, ctx) => (await config(p, ctx)).workingDir ?? null,
    }),
    exposedPorts: t.stringList({
      extensions: configCost,
      description: 'Ports the image declares, such as `8080/tcp`, sorted.',
      resolve: async (p, _args, ctx) => (await config(p, ctx)).exposedPorts,
    }),
  }),
});
