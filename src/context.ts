/**
 * The per-request context: fresh loaders and call accounting for every request, over the
 * process-wide upstream wrapper, cursor codec and image listing cache.
 */

import type { ImageListings } from './aws/image-listing';
import { createLoaders, type Loaders } from './aws/loaders';
import { type CallStats, createCallStats, type Upstream } from './aws/upstream';
import type { CursorCodec } from './schema/pagination';

export interface GatewayContext {
  upstream: Upstream;
  loaders: Loaders;
  /** What this request cost upstream. */
  stats: CallStats;
  cursors: CursorCodec;
  /** Whole image listings, for ordering and filtering; process-wide, like the upstream cache. */
  listings: ImageListings;
}

export interface ContextDeps {
  upstream: Upstream;
  cursors: CursorCodec;
  listings: ImageListings;
}

export function createContext(deps: ContextDeps): GatewayContext {
  const stats = createCallStats();
  return { ...deps, stats, loaders: createLoaders(deps.upstream, stats) };
}
