/**
 * The reader's drawn points as one short URL-safe string, so a run on a drawing is reproducible from
 * its link (`?ddpm-2d.points=…`), and the seeded spray that places them. Pure, no DOM.
 *
 * Encoding: each coordinate in [−extent, extent] is rounded to one of 4,096 levels (a step of
 * 2·4.5/4095 ≈ 0.002, far below the jitter the model adds) and written as two base64url digits, so a
 * point takes four characters and the cap of MAX_POINTS points about 2 KB of URL.
 */
import { deriveSeed, fillNormal, mulberry32 } from '../../ml/random.ts';

/** The most points a drawing keeps (and a link may carry). */
export const MAX_POINTS = 500;
/** Points placed by one click or Enter, around the pointer. */
export const SPRAY_POINTS = 5;
/** Standard deviation of the spray around the pointer, in data units. */
export const SPRAY_STD = 0.12;

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LEVELS = 64 * 64;

/** Flat points [x0, y0, …] (clamped to the square) as the compact string. */
export function encodePoints(flat: ArrayLike<number>, extent: number): string {
  let out = '';
  for (let i = 0; i + 1 < flat.length; i += 2) {
    for (const v of [flat[i], flat[i + 1]]) {
      const level = Math.round(((Math.min(extent, Math.max(-extent, v)) + extent) / (2 * extent)) * (LEVELS - 1));
      out += DIGITS[level >> 6] + DIGITS[level & 63];
    }
  }
  return out;
}

/** Why `raw` is not a drawing (null when it is one): for the settings' notice. */
export function pointsError(raw: string): string | null {
  if (raw.length % 4 !== 0) return 'must be whole points, 4 characters each';
  if (!/^[A-Za-z0-9_-]*$/.test(raw)) return 'may hold only the letters, digits, - and _ of a drawing';
  if (raw.length / 4 > MAX_POINTS) return `holds ${raw.length / 4} points, more than the ${MAX_POINTS} a drawing keeps`;
  return null;
}

/** The string's points, flat [x0, y0, …]; throws on a string `pointsError` rejects. */
export function decodePoints(raw: string, extent: number): Float32Array {
  const error = pointsError(raw);
  if (error) throw new Error(`Drawn points ${error}`);
  const out = new Float32Array(raw.length / 2);
  for (let k = 0; k < out.length; k++) {
    const level = DIGITS.indexOf(raw[2 * k]) * 64 + DIGITS.indexOf(raw[2 * k + 1]);
    out[k] = (level / (LEVELS - 1)) * 2 * extent - extent;
  }
  return out;
}

/**
 * SPRAY_POINTS points around (x, y) with N(0, SPRAY_STD²) offsets, kept inside the square. Seeded by
 * how many points the drawing has already, so the same actions give the same drawing.
 */
export function sprayAt(x: number, y: number, already: number, extent: number): Float32Array {
  const out = fillNormal(new Float32Array(SPRAY_POINTS * 2), mulberry32(deriveSeed(0x5b2a7, already)));
  for (let i = 0; i < out.length; i += 2) {
    out[i] = Math.min(extent, Math.max(-extent, x + SPRAY_STD * out[i]));
    out[i + 1] = Math.min(extent, Math.max(-extent, y + SPRAY_STD * out[i + 1]));
  }
  return out;
}

/** `raw` with a spray at (x, y) added, dropping the oldest points past MAX_POINTS. */
export function addSpray(raw: string, x: number, y: number, extent: number): string {
  const added = encodePoints(sprayAt(x, y, raw.length / 4, extent), extent);
  const joined = raw + added;
  return joined.length > MAX_POINTS * 4 ? joined.slice(joined.length - MAX_POINTS * 4) : joined;
}
