/**
 * Layer blobs: deterministic bytes of a given size (the 32-byte sha256 of the layer's seed,
 * repeated), generated as they are streamed, never held whole. The digest is the real sha256 of
 * those bytes, computed once by streaming them through the hash. Repetition keeps a start cheap;
 * the bytes need be no more random than a registry's clients look at (they check digests).
 */
import { createHash, hash } from 'node:crypto';

/** A multiple of 32, so every chunk starts on the pattern's boundary. */
const CHUNK = 64 * 1024;

export interface LayerBlob {
  kind: 'layer';
  size: number;
  digest: string;
  /** The bytes, in chunks of at most 64 KiB. */
  chunks(): Generator<Buffer>;
}

function* pattern(unit: Buffer, size: number): Generator<Buffer> {
  const full = Buffer.alloc(Math.min(CHUNK, size), unit);
  for (let left = size; left > 0; left -= CHUNK) yield left >= CHUNK ? full : full.subarray(0, left);
}

export function layerBlob(seed: string, size: number): LayerBlob {
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`layer size ${size} is not a non-negative integer`);
  const unit = hash('sha256', `layer:${seed}`, 'buffer');
  let hex: string;
  if (size <= CHUNK) hex = hash('sha256', Buffer.alloc(size, unit), 'hex');
  else {
    const streamed = createHash('sha256');
    for (const chunk of pattern(unit, size)) streamed.update(chunk);
    hex = streamed.digest('hex');
  }
  return { kind: 'layer', size, digest: `sha256:${hex}`, chunks: () => pattern(unit, size) };
}

export const isLayer = (blob: Buffer | LayerBlob): blob is LayerBlob => !Buffer.isBuffer(blob);
