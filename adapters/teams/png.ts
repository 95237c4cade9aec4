import { deflateSync } from 'node:zlib';

/**
 * A minimal PNG encoder (RGBA, no filter) for the Teams app icons, so that packaging needs no
 * image library: `color.png` (192×192, full colour) and `outline.png` (32×32, white on
 * transparent), as the Teams manifest requires.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG and ZIP use it. */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG of `size`×`size` whose pixel colours `paint(x, y)` gives as [r, g, b, a]. */
export function encodePng(
  size: number,
  paint: (x: number, y: number) => [number, number, number, number],
): Buffer {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    const row = y * (size * 4 + 1);
    rows[row] = 0;
    for (let x = 0; x < size; x += 1) rows.set(paint(x, y), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Inside a "?"-like help mark: a ring with a dot, in a unit square. */
function mark(u: number, v: number): boolean {
  const dx = u - 0.5;
  const dy = v - 0.42;
  const r = Math.sqrt(dx * dx + dy * dy);
  const ring = r > 0.16 && r < 0.26 && !(dy > 0 && dx < 0);
  const dot = Math.hypot(u - 0.5, v - 0.78) < 0.06;
  return ring || dot;
}

/** The 192×192 colour icon: a white help mark on the brand blue. */
export function colorIcon(): Buffer {
  return encodePng(192, (x, y) => (mark(x / 192, y / 192) ? [255, 255, 255, 255] : [0x46, 0x4e, 0xb8, 255]));
}

/** The 32×32 outline icon: the same mark, white on transparent. */
export function outlineIcon(): Buffer {
  return encodePng(32, (x, y) =>
    mark((x + 0.5) / 32, (y + 0.5) / 32) ? [255, 255, 255, 255] : [0, 0, 0, 0],
  );
}
