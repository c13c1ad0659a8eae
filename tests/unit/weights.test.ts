import { describe, expect, it } from 'vitest';
import { drain } from '../../src/domain/steps';
import { decodeWeights, encodedLength, encodeWeights, roundWeights } from '../../src/domain/matching/weights';

// The classifier's weights at 16-bit precision, kept for the session in half the characters of
// 32-bit floats and restored to exactly the values the trained matcher uses.

const trainedLike = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * (i % 7 ? 0.8 : 3.1));

describe('the weights kept for the session', () => {
  it('are rounded to 16-bit steps that come back exactly, in about 2.7 characters a weight', () => {
    const weights = trainedLike(10_000);
    const before = Float32Array.from(weights);
    drain(roundWeights(weights));
    // Close to what training found: within half a step of 3.1 / 32,767.
    for (let i = 0; i < weights.length; i++) expect(Math.abs(weights[i]! - before[i]!)).toBeLessThanOrEqual(3.1 / 32_767);
    const text = drain(encodeWeights(weights));
    expect(text.length).toBeLessThanOrEqual(encodedLength(weights.length));
    expect(text.length / weights.length).toBeLessThan(2.7);
    expect(drain(decodeWeights(text))).toEqual(weights);
    // Rounded once, they are whole steps: rounding again changes nothing.
    const again = Float32Array.from(weights);
    drain(roundWeights(again));
    expect(again).toEqual(weights);
  });

  it('keep weights of every size, and all zero', () => {
    for (const scale of [1e-9, 1e-3, 1, 900]) {
      const weights = trainedLike(1000).map((w) => w * scale);
      drain(roundWeights(weights));
      expect(drain(decodeWeights(drain(encodeWeights(weights))))).toEqual(weights);
    }
    const zeros = new Float32Array(12);
    expect(drain(decodeWeights(drain(encodeWeights(zeros))))).toEqual(zeros);
  });

  it('are refused when the text is not what encodeWeights writes', () => {
    const text = drain(encodeWeights(trainedLike(30)));
    const body = text.slice(text.indexOf(':') + 1);
    for (const foreign of [
      '',
      body,
      `:${body}`,
      `1e400:${body}`,
      `99:${body}`,
      `-99:${body}`,
      `0.5:${body}`,
      `x:${body}`,
      '0:!!not base64!!',
      '0:AA==',
    ]) {
      expect(drain(decodeWeights(foreign))).toBeNull();
    }
  });
});
