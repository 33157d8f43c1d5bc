// Minimal PNG decoder (8-bit RGB/RGBA, non-interlaced) for pixel checks on screenshots.
import zlib from 'node:zlib';

export function decodePng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8, width = 0, height = 0, colorType = 0, depth = 0;
  const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off), type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); depth = data[8]; colorType = data[9]; if (data[12]) throw new Error('interlaced PNG'); }
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  if (depth !== 8 || (colorType !== 2 && colorType !== 6)) throw new Error(`unsupported PNG ${depth}/${colorType}`);
  const bpp = colorType === 6 ? 4 : 3, stride = width * bpp;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const px = Buffer.alloc(width * height * 4);
  const prev = Buffer.alloc(stride), cur = Buffer.alloc(stride);
  for (let y = 0; y < height; ++y) {
    const f = raw[y * (stride + 1)];
    raw.copy(cur, 0, y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; ++x) {
      const a = x >= bpp ? cur[x - bpp] : 0, b = prev[x], c = x >= bpp ? prev[x - bpp] : 0;
      let v = cur[x];
      if (f === 1) v += a; else if (f === 2) v += b; else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      cur[x] = v & 255;
    }
    for (let x = 0; x < width; ++x) {
      for (let k = 0; k < 3; ++k) px[(y * width + x) * 4 + k] = cur[x * bpp + k];
      px[(y * width + x) * 4 + 3] = bpp === 4 ? cur[x * bpp + 3] : 255;
    }
    cur.copy(prev);
  }
  return { width, height, px };
}

// Fraction of pixels that differ from the most common colour by more than `tol` (0-255 per channel),
// and the number of distinct colours: together they tell a drawn figure from a blank canvas.
export function pixelStats(img, tol = 24) {
  const counts = new Map();
  for (let i = 0; i < img.px.length; i += 4) {
    const key = (img.px[i] << 16) | (img.px[i + 1] << 8) | img.px[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  let bg = 0, best = -1;
  for (const [k, n] of counts) if (n > best) { best = n; bg = k; }
  const br = bg >> 16, bgc = (bg >> 8) & 255, bb = bg & 255;
  let differing = 0;
  for (let i = 0; i < img.px.length; i += 4) {
    if (Math.abs(img.px[i] - br) > tol || Math.abs(img.px[i + 1] - bgc) > tol || Math.abs(img.px[i + 2] - bb) > tol) ++differing;
  }
  return { colors: counts.size, differing: differing / (img.width * img.height), background: [br, bgc, bb] };
}

// Fraction of pixels that differ by more than tol in any channel between two same-sized images.
export function diffFraction(a, b, tol = 24) {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let n = 0;
  for (let i = 0; i < a.px.length; i += 4)
    if (Math.abs(a.px[i] - b.px[i]) > tol || Math.abs(a.px[i + 1] - b.px[i + 1]) > tol || Math.abs(a.px[i + 2] - b.px[i + 2]) > tol) ++n;
  return n / (a.width * a.height);
}
