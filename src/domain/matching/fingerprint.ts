import type { Steps } from '../steps';
import type { AnswerDoc } from './matcher';
import { DEFAULT_CONFIDENCE_THRESHOLD, DEFAULT_TUNING } from './tuning';

/** Count up when training changes in a way the fingerprint does not see (the code, not the input). */
export const FORMAT = 4;
/** Characters hashed between two yields. */
const CHUNK = 1 << 16;

/** Two 32-bit FNV-1a hashes with different seeds: 64 bits, enough to tell libraries apart. */
class Hash {
  private a = 0x811c9dc5;
  private b = 0x01000193 ^ 0x5bd1e995;

  add(text: string, from = 0, to = text.length): this {
    let { a, b } = this;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.a = a;
    this.b = b;
    return this;
  }

  /** A field and its end, so ["ab", "c"] and ["a", "bc"] differ. */
  field(text: string): this {
    return this.add(text).add('\u0000');
  }

  hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }
}

/** A fingerprint of everything training reads: each answer's id and text fields, in order, and the training code's settings. */
export function* fingerprintSteps(answers: readonly AnswerDoc[]): Steps<string> {
  const hash = new Hash().field(String(FORMAT)).field(JSON.stringify(DEFAULT_TUNING)).field(String(DEFAULT_CONFIDENCE_THRESHOLD));
  hash.field(String(answers.length));
  let since = 0;
  for (const a of answers) {
    hash
      .field(a.id)
      .field(a.title)
      .field(a.summary ?? '')
      .field(a.locale ?? '');
    hash.field(String(a.examples.length));
    for (const e of a.examples) hash.field(e);
    const tags = a.tags ?? [];
    hash.field(String(tags.length));
    for (const t of tags) hash.field(t);
    since += a.title.length + a.examples.reduce((n, e) => n + e.length, 0);
    if (since >= CHUNK) {
      since = 0;
      yield;
    }
  }
  return hash.hex();
}

export function* checkSteps(text: string): Steps<string> {
  const hash = new Hash();
  for (let i = 0; i < text.length; i += CHUNK) {
    hash.add(text, i, Math.min(text.length, i + CHUNK));
    yield;
  }
  return hash.hex();
}
