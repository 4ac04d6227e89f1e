/** A registry client for tests: the anonymous token once, then GETs with the bearer token, redirects not followed. */
import { createHash } from 'node:crypto';

export const sha256 = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

export type RegistryGet = (path: string, init?: RequestInit) => Promise<Response>;

/** `origin` is the emulator's `http://127.0.0.1:<port>`. */
export async function registryGet(origin: string): Promise<RegistryGet> {
  const res = await fetch(`${origin}/token/?service=public.ecr.aws&scope=aws`);
  const { token } = (await res.json()) as { token: string };
  return (path, init = {}) =>
    fetch(`${origin}${path}`, {
      redirect: 'manual',
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
    });
}

/** The digest a tag or digest resolves to (HEAD), or the Distribution error code. */
export async function resolve(get: RegistryGet, repository: string, reference: string): Promise<string> {
  const res = await get(`/v2/${repository}/manifests/${reference}`, { method: 'HEAD' });
  if (res.ok) return res.headers.get('docker-content-digest') ?? '(no digest)';
  const body = await get(`/v2/${repository}/manifests/${reference}`);
  return ((await body.json()) as { errors: { code: string }[] }).errors[0]?.code ?? String(res.status);
}

/** Every tag of a repository through tags/list (one page). */
export async function tagList(get: RegistryGet, repository: string): Promise<string[] | string> {
  const res = await get(`/v2/${repository}/tags/list`);
  const body = (await res.json()) as { tags?: string[]; errors?: { code: string }[] };
  return body.tags ?? body.errors?.[0]?.code ?? String(res.status);
}
