/**
 * Layer blobs: deterministic bytes of exactly the given size, generated as they are streamed,
 * never held whole. From 23 bytes on a layer is a valid gzip stream (deflate "stored" blocks, so
 * its compressed size is exact) whose content is the 32-byte sha256 of the layer's seed, repeated;
 * clients that sniff compression (skopeo re-compresses what it takes for uncompressed) keep it as
 * served. The digest is the sha256 of the gzip bytes, the diffID that of the content, as a
 * config's rootfs names them. Below 23 bytes the layer is the repeated pattern alone.
 */
import { createHash, hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** Deflate's largest stored block. */
const BLOCK = 65_535;
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
/** Header, one stored block's 5-byte header, trailer (CRC32 and length). */
const SMALLEST_GZIP = 10 + 5 + 8;

export interface LayerBlob {
  kind: 'layer';
  size: number;
  digest: string;
  /** The sha256 of the uncompressed content (config rootfs.diff_ids). */
  diffId: string;
  /** The bytes, in chunks of at most 64 KiB. */
  chunks(): Generator<Buffer>;
}

/** `length` bytes of the pattern from content offset `at`. */
function slice(full: Buffer, at: number, length: number): Buffer {
  const start = at % 32;
  return full.subarray(start, start + length);
}

function* plain(full: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < size; at += BLOCK) yield slice(full, at, Math.min(BLOCK, size - at));
}

/** The stored blocks' content sizes: even, each at most BLOCK. */
function blocksOf(size: number): number[] {
  const k = Math.max(1, Math.ceil((size - 18) / (BLOCK + 5)));
  const content = size - 18 - 5 * k;
  return Array.from({ length: k }, (_, i) => Math.floor(content / k) + (i < content % k ? 1 : 0));
}

function* gzip(full: Buffer, size: number, trailer: Buffer): Generator<Buffer> {
  yield GZIP_HEADER;
  const blocks = blocksOf(size);
  let at = 0;
  for (const [i, length] of blocks.entries()) {
    const header = Buffer.alloc(5);
    header[0] = i === blocks.length - 1 ? 1 : 0;
    header.writeUInt16LE(length, 1);
    header.writeUInt16LE(~length & 0xffff, 3);
    yield header;
    if (length) yield slice(full, at, length);
    at += length;
  }
  yield trailer;
}

export function layerBlob(seed: string, size: number): LayerBlob {
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`layer size ${size} is not a non-negative integer`);
  const unit = hash('sha256', `layer:${seed}`, 'buffer');
  const full = Buffer.alloc(Math.min(size, BLOCK) + 32, unit);
  if (size < SMALLEST_GZIP) {
    const digest = `sha256:${hash('sha256', slice(full, 0, size), 'hex')}`;
    return { kind: 'layer', size, digest, diffId: digest, chunks: () => plain(full, size) };
  }
  const content = createHash('sha256');
  let crc = 0;
  let length = 0;
  for (const piece of plain(
    full,
    blocksOf(size).reduce((n, b) => n + b, 0),
  )) {
    content.update(piece);
    crc = crc32(piece, crc);
    length += piece.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  const whole = createHash('sha256');
  for (const piece of gzip(full, size, trailer)) whole.update(piece);
  return {
    kind: 'layer',
    size,
    digest: `sha256:${whole.digest('hex')}`,
    diffId: `sha256:${content.digest('hex')}`,
    chunks: () => gzip(full, size, trailer),
  };
}

export const isLayer = (blob: Buffer | LayerBlob): blob is LayerBlob => !Buffer.isBuffer(blob);
