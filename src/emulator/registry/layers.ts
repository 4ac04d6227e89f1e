/**
 * Layer blobs: deterministic pseudo-random bytes of a given size (the AES-128-CTR keystream of a
 * key derived from the layer's seed), generated as they are streamed, never held whole. The digest
 * is the real sha256 of those bytes, computed once by streaming them through the hash.
 */
import { createCipheriv, createHash } from 'node:crypto';

const CHUNK = 64 * 1024;
const ZEROS = Buffer.alloc(CHUNK);

export interface LayerBlob {
  kind: 'layer';
  size: number;
  digest: string;
  /** The bytes, in chunks of at most 64 KiB. */
  chunks(): Generator<Buffer>;
}

function* keystream(seed: string, size: number): Generator<Buffer> {
  const key = createHash('sha256').update(`layer:${seed}`).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  for (let left = size; left > 0; left -= CHUNK) yield cipher.update(left >= CHUNK ? ZEROS : ZEROS.subarray(0, left));
}

export function layerBlob(seed: string, size: number): LayerBlob {
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`layer size ${size} is not a non-negative integer`);
  const hash = createHash('sha256');
  for (const chunk of keystream(seed, size)) hash.update(chunk);
  return { kind: 'layer', size, digest: `sha256:${hash.digest('hex')}`, chunks: () => keystream(seed, size) };
}

export const isLayer = (blob: Buffer | LayerBlob): blob is LayerBlob => !Buffer.isBuffer(blob);
