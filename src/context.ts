/**
 * The per-request context: fresh loaders and call accounting for every request, over the
 * process-wide upstream wrapper and cursor codec.
 */

import { createLoaders, type Loaders } from './aws/loaders';
import { type CallStats, createCallStats, type Upstream } from './aws/upstream';
import type { CursorCodec } from './schema/pagination';

export interface GatewayContext {
  upstream: Upstream;
  loaders: Loaders;
  /** What this request cost upstream. */
  stats: CallStats;
  cursors: CursorCodec;
}

export interface ContextDeps {
  upstream: Upstream;
  cursors: CursorCodec;
}

export function createContext(deps: ContextDeps): GatewayContext {
  const stats = createCallStats();
  return { ...deps, stats, loaders: createLoaders(deps.upstream, stats) };
}
