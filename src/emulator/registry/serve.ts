/**
 * The registry side of the emulator (../shared/CONTRACT.md "Image contents"): `/v2/` challenge,
 * `/token/`, manifests (GET/HEAD, Accept), blobs behind a 307 to `/__blob/<digest>`, tags/list
 * with `n`/`last`/`Link`, referrers; faults and the call log under the Registry* operation names.
 * The blob location answers the bytes and is neither logged nor faulted.
 */
import type { RecordingCallLog } from '../call-log';
import type { FaultInjector } from '../faults';
import { abortableDelay } from '../transport-errors';
import type { EmulatorRequest, EmulatorResponse } from '../types';
import { accepts, documentAnswer, errorAnswer, jsonAnswer, RegistryError } from './answers';
import type { RegistryCatalog, RegistryRepository } from './catalog';
import { faultAnswer } from './fault-answer';
import { MEDIA } from './media-types';
import type { Tokens } from './tokens';

export interface RegistryDeps {
  catalog: RegistryCatalog;
  tokens: Tokens;
  faults: FaultInjector;
  calls: RecordingCallLog;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const BLOB_LOCATION = /^\/__blob\/(sha256:[0-9a-f]{64})$/;
const ROUTES: [RegExp, string][] = [
  [/^\/v2\/(.+)\/manifests\/([^/]+)$/, 'RegistryManifest'],
  [/^\/v2\/(.+)\/blobs\/([^/]+)$/, 'RegistryBlob'],
  [/^\/v2\/(.+)\/tags\/list$/, 'RegistryTags'],
  [/^\/v2\/(.+)\/referrers\/([^/]+)$/, 'RegistryReferrers'],
];

/** Whether a path is the registry's (else the AWS JSON API's). */
export const isRegistryPath = (path: string): boolean =>
  path === '/v2' ||
  path.startsWith('/v2/') ||
  path === '/token' ||
  path.startsWith('/token/') ||
  BLOB_LOCATION.test(path);

const originOf = (headers: Record<string, string>): string =>
  headers.host ? `http://${headers.host}` : 'https://public.ecr.aws';

function challenge(headers: Record<string, string>): RegistryError {
  const realm = `${originOf(headers)}/token/`;
  return new RegistryError(401, 'UNAUTHORIZED', 'authentication required', {
    'www-authenticate': `Bearer realm="${realm}",service="public.ecr.aws",scope="aws"`,
  });
}

function blobBytes(deps: RegistryDeps, digest: string, head: boolean): EmulatorResponse {
  const blob = deps.catalog.blob(digest);
  if (!blob) return errorAnswer(new RegistryError(404, 'BLOB_UNKNOWN', 'blob unknown to registry'));
  const size = Buffer.isBuffer(blob) ? blob.length : blob.size;
  const headers = {
    'content-type': 'application/octet-stream',
    'content-length': String(size),
    'docker-content-digest': digest,
  };
  if (head) return { status: 200, headers, body: '' };
  return { status: 200, headers, body: '', stream: () => (Buffer.isBuffer(blob) ? [blob] : blob.chunks()) };
}

function repositoryOf(deps: RegistryDeps, path: string): RegistryRepository {
  const repo = deps.catalog.repository(path);
  if (!repo) throw new RegistryError(404, 'NAME_UNKNOWN', `repository ${path} not found`);
  return repo;
}

function manifest(repo: RegistryRepository, reference: string, req: EmulatorRequest, accept: string | undefined) {
  const doc = DIGEST.test(reference) ? repo.manifests.get(reference) : repo.byTag.get(reference);
  if (!doc) throw new RegistryError(404, 'MANIFEST_UNKNOWN', `manifest unknown: ${reference}`);
  if (!accepts(accept, doc.mediaType))
    throw new RegistryError(404, 'MANIFEST_UNKNOWN', `manifest of type ${doc.mediaType} not acceptable by Accept`);
  return documentAnswer(doc, req.method.toUpperCase() === 'HEAD');
}

function tags(repo: RegistryRepository, query: URLSearchParams): EmulatorResponse {
  const nText = query.get('n');
  const last = query.get('last');
  let list = last === null ? repo.tags : repo.tags.filter((t) => Buffer.compare(Buffer.from(t), Buffer.from(last)) > 0);
  const headers: Record<string, string> = {};
  if (nText !== null) {
    const n = Number(nText);
    if (!/^\d+$/.test(nText) || !Number.isSafeInteger(n))
      throw new RegistryError(400, 'PAGINATION_NUMBER_INVALID', 'invalid number of results requested');
    if (list.length > n) {
      list = list.slice(0, n);
      const next = `/v2/${repo.path}/tags/list?n=${n}&last=${encodeURIComponent(list.at(-1) ?? '')}`;
      headers.link = `<${next}>; rel="next"`;
    }
  }
  return jsonAnswer(200, { name: repo.path, tags: list }, headers);
}

function referrers(repo: RegistryRepository, digest: string, query: URLSearchParams): EmulatorResponse {
  if (!DIGEST.test(digest))
    throw new RegistryError(400, 'DIGEST_INVALID', 'provided digest did not match uploaded content');
  const type = query.get('artifactType');
  const all = repo.referrers.get(digest) ?? [];
  const manifests = type === null ? all : all.filter((d) => d.artifactType === type);
  const body = { schemaVersion: 2, mediaType: MEDIA.oci.index, manifests };
  const answer = jsonAnswer(200, body, type === null ? {} : { 'oci-filters-applied': 'artifactType' });
  answer.headers['content-type'] = MEDIA.oci.index;
  return answer;
}

export type RegistryHandle = (
  req: EmulatorRequest,
  headers: Record<string, string>,
  signal?: AbortSignal,
) => Promise<EmulatorResponse>;

export function createRegistryHandle(deps: RegistryDeps): RegistryHandle {
  return async function handleRegistry(
    req: EmulatorRequest,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<EmulatorResponse> {
    const url = new URL(req.path, 'http://registry');
    const path = url.pathname;
    const method = req.method.toUpperCase();
    const location = BLOB_LOCATION.exec(path);
    if (location) return blobBytes(deps, location[1] as string, method === 'HEAD');
    if (path === '/v2' || path === '/v2/') {
      return deps.tokens.valid(headers.authorization) ? jsonAnswer(200, {}) : errorAnswer(challenge(headers));
    }
    const matched = ROUTES.map(([re, op]) => [re.exec(path), op] as const).find(([m]) => m);
    const operation = path.startsWith('/token') ? 'RegistryToken' : (matched?.[1] ?? 'RegistryUnknown');
    const [repository, reference] = matched?.[0] ? [matched[0][1] as string, matched[0][2]] : [undefined, undefined];
    const input = { ...(repository ? { repository } : {}), ...(reference ? { reference } : {}), method };
    const call = deps.calls.begin(operation, input, Date.now());
    const settle = (answer: EmulatorResponse, errorType: string | null) => {
      call.outcome = errorType ?? 'ok';
      call.status = answer.status;
      call.errorType = errorType;
      return answer;
    };
    const decision = deps.faults.decide(operation, call.at);
    try {
      if (decision.delayMs > 0 || signal?.aborted) await abortableDelay(decision.delayMs, signal);
    } catch (error) {
      call.outcome = 'aborted';
      throw error;
    }
    if (decision.fail === 'drop') call.outcome = 'drop';
    const fault = faultAnswer(decision.fail);
    if (fault) return settle(fault.answer, fault.errorType);
    try {
      if (operation === 'RegistryToken') {
        const token = deps.tokens.issue(headers.authorization);
        if (!token) throw new RegistryError(401, 'UNAUTHORIZED', 'invalid username or password');
        return settle(jsonAnswer(200, { token, access_token: token, expires_in: 43200 }), null);
      }
      if (!deps.tokens.valid(headers.authorization)) throw challenge(headers);
      if (!matched || !repository) throw new RegistryError(404, 'UNSUPPORTED', `not found: ${method} ${path}`);
      if (method !== 'GET' && method !== 'HEAD')
        throw new RegistryError(405, 'UNSUPPORTED', 'the operation is unsupported');
      const repo = repositoryOf(deps, repository);
      const ref = reference ?? '';
      if (operation === 'RegistryManifest') return settle(manifest(repo, ref, req, headers.accept), null);
      if (operation === 'RegistryTags') return settle(tags(repo, url.searchParams), null);
      if (operation === 'RegistryReferrers') return settle(referrers(repo, ref, url.searchParams), null);
      if (!DIGEST.test(ref) || !repo.blobs.has(ref))
        throw new RegistryError(404, 'BLOB_UNKNOWN', 'blob unknown to registry');
      if (method === 'HEAD') return settle(blobBytes(deps, ref, true), null);
      return settle(
        { status: 307, headers: { location: `${originOf(headers)}/__blob/${ref}`, 'content-length': '0' }, body: '' },
        null,
      );
    } catch (error) {
      if (error instanceof RegistryError) return settle(errorAnswer(error), error.code);
      return settle(errorAnswer(new RegistryError(500, 'UNKNOWN', 'internal error')), 'UNKNOWN');
    }
  };
}
