/**
 * What the emulator's registry serves, read directly (a token, then manifests and blobs through its
 * handler), so tests can compare the gateway's answers with the registry's own documents. Call
 * before counting: these requests are in the emulator's call log too.
 */
import type { Emulator } from '../../src/emulator';

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

// biome-ignore lint/suspicious/noExplicitAny: the registry's JSON, read loosely as a client would
export type Json = Record<string, any>;

export interface Served {
  manifest(
    repository: string,
    reference: string,
  ): Promise<{ body: Json; bytes: number; mediaType: string; digest: string }>;
  blob(repository: string, digest: string): Promise<Json>;
  tags(repository: string): Promise<string[]>;
  referrers(repository: string, digest: string): Promise<Json[]>;
}

export function served(emulator: Emulator): Served {
  let token: string | undefined;
  const get = async (path: string, accept?: string) => {
    token ??= JSON.parse((await emulator.handle({ method: 'GET', path: '/token/', headers: {}, body: '' })).body).token;
    const headers = { authorization: `Bearer ${token}`, host: 'registry.test', ...(accept ? { accept } : {}) };
    return emulator.handle({ method: 'GET', path, headers, body: '' });
  };
  return {
    async manifest(repository, reference) {
      const answer = await get(`/v2/${repository}/manifests/${reference}`, ACCEPT);
      return {
        body: JSON.parse(answer.body),
        bytes: Buffer.byteLength(answer.body),
        mediaType: answer.headers['content-type'] as string,
        digest: answer.headers['docker-content-digest'] as string,
      };
    },
    async blob(repository, digest) {
      const redirect = await get(`/v2/${repository}/blobs/${digest}`);
      const location = new URL(redirect.headers.location as string);
      const answer = await emulator.handle({ method: 'GET', path: location.pathname, headers: {}, body: '' });
      const chunks = answer.stream ? [...answer.stream()] : [Buffer.from(answer.body)];
      return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    },
    tags: async (repository) => JSON.parse((await get(`/v2/${repository}/tags/list`)).body).tags,
    referrers: async (repository, digest) =>
      JSON.parse((await get(`/v2/${repository}/referrers/${digest}`)).body).manifests,
  };
}

/** ImagePlatform as the contract derives it from served documents. */
export async function expectedPlatforms(s: Served, repository: string, reference: string): Promise<Json[]> {
  const top = await s.manifest(repository, reference);
  const entries: { digest: string; platform?: Json }[] = top.body.manifests
    ? top.body.manifests.filter((m: Json) => !(m.platform?.os === 'unknown' && m.platform?.architecture === 'unknown'))
    : [{ digest: top.digest }];
  const platforms = [];
  for (const entry of entries) {
    const manifest = (await s.manifest(repository, entry.digest)).body;
    const config = await s.blob(repository, manifest.config.digest);
    const run = config.config ?? {};
    const labels = run.Labels ?? {};
    platforms.push({
      os: entry.platform?.os ?? config.os,
      architecture: entry.platform?.architecture ?? config.architecture,
      variant: entry.platform?.variant ?? config.variant ?? null,
      osVersion: entry.platform?.['os.version'] ?? config['os.version'] ?? null,
      digest: entry.digest,
      sizeInBytes: manifest.config.size + manifest.layers.reduce((n: number, l: Json) => n + l.size, 0),
      created: config.created ? new Date(config.created).toISOString() : null,
      labels: Object.keys(labels)
        .sort()
        .map((key) => ({ key, value: labels[key] })),
      layers: manifest.layers.map((l: Json) => ({ digest: l.digest, mediaType: l.mediaType, sizeInBytes: l.size })),
      entrypoint: run.Entrypoint?.length ? run.Entrypoint : null,
      cmd: run.Cmd?.length ? run.Cmd : null,
      user: run.User || null,
      workingDir: run.WorkingDir || null,
      exposedPorts: Object.keys(run.ExposedPorts ?? {}).sort(),
    });
  }
  return platforms;
}
