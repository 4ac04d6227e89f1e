/**
 * The upstream the gateway talks to: the embedded emulator (in-process, no socket, the demo
 * catalog or ECR_PUBLIC_FIXTURE) or the real ECR Public API. Either way the unmodified SDK client
 * and the same wrapper carry every call: only the request handler differs.
 */
import { createEcrPublicClient } from './aws/client';
import { createUpstream, type Upstream, type UpstreamObserver } from './aws/upstream';
import type { GatewayConfig } from './config';
import { ConfigError } from './config';
import { createDemoCatalog, createEmulator, type Emulator, loadFixture } from './emulator';

export interface Backend {
  upstream: Upstream;
  /** The in-process emulator, for the embedded backend. */
  emulator: Emulator | undefined;
}

/** Builds the backend; a fixture that cannot be read or is invalid is a ConfigError. */
export function createBackend(config: GatewayConfig, observer?: UpstreamObserver): Backend {
  const upstreamOptions = {
    timeoutMs: config.upstreamTimeoutMs,
    maxRps: config.upstreamMaxRps,
    cacheTtlMs: config.upstreamCacheTtlMs,
    cacheMaxBytes: config.upstreamCacheMaxBytes,
    ...(observer ? { observer } : {}),
  };
  if (config.backend === 'aws') {
    const client = createEcrPublicClient({ region: config.region, timeoutMs: config.upstreamTimeoutMs });
    return { upstream: createUpstream(client, upstreamOptions), emulator: undefined };
  }
  let fixture: ReturnType<typeof createDemoCatalog>;
  try {
    fixture = config.fixturePath ? loadFixture(config.fixturePath) : createDemoCatalog();
  } catch (err) {
    throw new ConfigError('ECR_PUBLIC_FIXTURE', (err as Error).message);
  }
  const emulator = createEmulator(fixture);
  const client = createEcrPublicClient({
    region: config.region,
    timeoutMs: config.upstreamTimeoutMs,
    requestHandler: emulator.requestHandler,
    // The emulator checks no signature; fixed credentials keep the SDK from looking for real ones.
    credentials: { accessKeyId: 'embedded', secretAccessKey: 'embedded' },
  });
  return { upstream: createUpstream(client, upstreamOptions), emulator };
}
