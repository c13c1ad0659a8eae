import { describe, expect, it } from 'vitest';
import { sameTitle } from '../../src/domain/text';

describe('sameTitle', () => {
  it('ignores case, accents and spacing', () => {
    expect(sameTitle('Überweisung  storniert ', 'uberweisung storniert')).toBe(true);
    expect(sameTitle("CARD HASN'T ARRIVED", "Card hasn't arrived")).toBe(true);
  });

  it('tells different titles apart, and an empty title matches nothing', () => {
    expect(sameTitle('Card not arrived', "Card hasn't arrived")).toBe(false);
    expect(sameTitle('  ', '')).toBe(false);
  });
});
