/**
 * CURSOR_SECRET, the key that signs cursors (data/paging/cursors.ts). Replicas behind one load
 * balancer must share it, or a cursor from one is refused by the next. A leaf, as index.ts is.
 *
 * Unset, it is the built-in key outside production, so that a developer's restarts keep cursors
 * working; in production a built-in key would be public (it is in the source), so each process
 * draws a random one instead and main.ts warns that replicas will not accept each other's cursors.
 */
import { randomBytes } from 'node:crypto';
import { ConfigError, type Env, text } from './parse';

/** The cursor key when CURSOR_SECRET is unset outside production: public, fine for one process in development. */
export const BUILT_IN_CURSOR_SECRET = 'ecr-public-gateway/cursor/v1';

const PLACEHOLDERS = new Set([
  BUILT_IN_CURSOR_SECRET,
  'change-me-to-a-shared-secret',
  'changeme',
  'change-me',
  'secret',
]);

/** Where the key came from: the variable, the built-in key, or a random one of this process alone. */
export type CursorSecretSource = 'env' | 'built-in' | 'random';

export interface CursorSecret {
  cursorSecret: string;
  cursorSecretSource: CursorSecretSource;
}

export function cursorSecretOf(env: Env, production: boolean): CursorSecret {
  const raw = text(env, 'CURSOR_SECRET');
  if (raw === undefined) {
    return production
      ? { cursorSecret: randomBytes(32).toString('base64url'), cursorSecretSource: 'random' }
      : { cursorSecret: BUILT_IN_CURSOR_SECRET, cursorSecretSource: 'built-in' };
  }
  if (production && (PLACEHOLDERS.has(raw.toLowerCase()) || raw.length < 16)) {
    // The value is not echoed: it is a secret, however weak.
    throw new ConfigError('CURSOR_SECRET', 'is a placeholder or shorter than 16 characters (NODE_ENV=production)');
  }
  return { cursorSecret: raw, cursorSecretSource: 'env' };
}
