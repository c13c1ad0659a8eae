import type { Steps } from '../steps';

/**
 * The classifier's weights at 16-bit precision: whole steps of a power of two, the largest weight
 * within 32,767 of them. Training rounds them so (classifier.ts), and the session keeps them as
 * those 16-bit steps (persist.ts): half the characters of 32-bit floats, and restored to exactly
 * the values the trained matcher uses, since a step count times a power of two is exact in 32 bits.
 */
const LEVELS = 32767;
/** Weights rounded, encoded or decoded between two yields. */
const CHUNK = 1 << 16;
/** Steps from 2^-60 to 2^20: far beyond any trained weight, and a foreign entry's exponent is refused outside them. */
const MIN_EXPONENT = -60;
const MAX_EXPONENT = 20;

/** The power of two the weights are whole steps of. */
function exponentFor(values: Float32Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]!));
  if (!(max > 0) || !Number.isFinite(max)) return 0;
  let exponent = Math.max(MIN_EXPONENT, Math.ceil(Math.log2(max / LEVELS)));
  // log2 may round below the exact value: the largest must still fit.
  while (max / 2 ** exponent > LEVELS) exponent++;
  return exponent;
}

/** Rounds the weights, in place, to whole steps. */
export function* roundWeights(values: Float32Array): Steps<void> {
  const step = 2 ** exponentFor(values);
  for (let i = 0; i < values.length; i++) {
    values[i] = Math.round(values[i]! / step) * step;
    if (i % CHUNK === CHUNK - 1) yield;
  }
}

/** The weights as `<exponent>:<base64 of their 16-bit steps>`. */
export function* encodeWeights(values: Float32Array): Steps<string> {
  const exponent = exponentFor(values);
  const step = 2 ** exponent;
  const counts = new Int16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    counts[i] = Math.round(values[i]! / step);
    if (i % CHUNK === CHUNK - 1) yield;
  }
  const bytes = new Uint8Array(counts.buffer);
  const parts: string[] = [];
  // A multiple of 3 bytes per part, so the parts' base64 joins into one.
  for (let i = 0; i < bytes.length; i += 3 * 8192) {
    parts.push(btoa(String.fromCharCode(...bytes.subarray(i, i + 3 * 8192))));
    if (parts.length % 8 === 0) yield;
  }
  return `${exponent}:${parts.join('')}`;
}

/** Characters `encodeWeights` writes for `count` weights, at most. */
export const encodedLength = (count: number): number => 4 + 4 * Math.ceil((2 * count) / 3);

/** The weights `encodeWeights` wrote, or null for anything else. */
export function* decodeWeights(text: string): Steps<Float32Array | null> {
  const colon = text.indexOf(':');
  const exponent = Number(text.slice(0, colon));
  if (colon < 1 || !Number.isInteger(exponent) || exponent < MIN_EXPONENT || exponent > MAX_EXPONENT) return null;
  let binary: string;
  try {
    binary = atob(text.slice(colon + 1));
  } catch {
    return null;
  }
  if (binary.length % 2 !== 0) return null;
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
    if (i % CHUNK === CHUNK - 1) yield;
  }
  const counts = new Int16Array(bytes.buffer);
  const step = 2 ** exponent;
  const values = new Float32Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    values[i] = counts[i]! * step;
    if (i % CHUNK === CHUNK - 1) yield;
  }
  return values;
}
