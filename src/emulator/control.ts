/**
 * The control API (../shared/CONTRACT.md "The emulator's control API"): the in-process object tests
 * use, and the same operations as plain JSON under `/__control/` for the standalone emulator.
 * Every body is checked; bad input is 400 `{ error }`, an unknown name 404, never a crash.
 */
import type { RecordingCallLog } from './call-log';
import { callView } from './call-view';
import { checkFaultConfig } from './fault-config';
import type { FaultInjector } from './faults';
import type { FixtureImage } from './fixture-types';
import { ControlError, deleteImage, type EmulatorControl, pushImage, untagImage } from './mutations';
import type { Store } from './store';
import type { EmulatorRequest, EmulatorResponse } from './types';

export function createControl(store: Store): EmulatorControl {
  return {
    push: ({ image, ...target }) => pushImage(store, target, image),
    untag: ({ tag, ...target }) => untagImage(store, target, tag),
    delete: ({ imageDigest, ...target }) => deleteImage(store, target, imageDigest),
  };
}

const json = (status: number, payload: unknown): EmulatorResponse => {
  const body = JSON.stringify(payload);
  return {
    status,
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    body,
  };
};

type Body = Record<string, unknown>;

function bodyOf(req: EmulatorRequest): Body {
  const text = typeof req.body === 'string' ? req.body : Buffer.from(req.body).toString('utf8');
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new ControlError(400, 'the body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ControlError(400, 'the body must be a JSON object');
  return value as Body;
}

function text(body: Body, key: string, optional = false): string | undefined {
  const value = body[key];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value === '') throw new ControlError(400, `'${key}' must be a non-empty string`);
  return value;
}

function target(body: Body): { registryId?: string | undefined; repositoryName: string } {
  return { registryId: text(body, 'registryId', true), repositoryName: text(body, 'repositoryName') as string };
}

export interface ControlDeps {
  store: Store;
  calls: RecordingCallLog;
  faults: FaultInjector;
  control: EmulatorControl;
}

function answer(method: string, path: string, query: URLSearchParams, req: EmulatorRequest, deps: ControlDeps) {
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /__control/health':
      return json(200, { ok: true });
    case 'GET /__control/calls': {
      const raw = query.get('since');
      if (raw !== null && !/^\d+$/.test(raw)) throw new ControlError(400, "'since' must be a non-negative integer");
      return json(200, callView(deps.calls.all(), raw === null ? 0 : Number(raw)));
    }
    case 'POST /__control/faults':
      deps.faults.set(checkFaultConfig(bodyOf(req)));
      return json(200, deps.faults.current());
    case 'POST /__control/reset':
      deps.calls.reset();
      deps.faults.reset();
      return json(200, { ok: true });
    case 'POST /__control/push': {
      const body = bodyOf(req);
      if (typeof body.image !== 'object' || body.image === null)
        throw new ControlError(400, "'image' must be an object");
      return json(200, { image: deps.control.push({ ...target(body), image: body.image as FixtureImage }) });
    }
    case 'POST /__control/untag': {
      const body = bodyOf(req);
      const tag = text(body, 'tag') as string;
      return json(200, { tag, imageDigest: deps.control.untag({ ...target(body), tag }) });
    }
    case 'POST /__control/delete': {
      const body = bodyOf(req);
      const imageDigest = text(body, 'imageDigest') as string;
      return json(200, { imageDigest, imageTags: deps.control.delete({ ...target(body), imageDigest }) });
    }
    default:
      return json(404, { error: `no control route ${route}` });
  }
}

/** Answers a `/__control/` request. */
export function handleControl(req: EmulatorRequest, deps: ControlDeps): EmulatorResponse {
  const url = new URL(req.path, 'http://emulator');
  try {
    return answer(req.method.toUpperCase(), url.pathname, url.searchParams, req, deps);
  } catch (error) {
    if (error instanceof ControlError) return json(error.status, { error: error.message });
    return json(500, { error: 'internal error of the emulator' });
  }
}

export const isControlPath = (path: string): boolean => path.startsWith('/__control/');
