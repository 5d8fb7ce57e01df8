import { describe, expect, it } from 'vitest';
import { decayedConfidence } from './learned-decay';

describe('learned mapping fading', () => {
  it('keeps full confidence for 90 days after the last evidence, then halves every 90 days', () => {
    const day = 86_400_000;
    expect(decayedConfidence(2, 0, 90 * day)).toBe(0.7);
    expect(decayedConfidence(2, 0, 180 * day)).toBe(0.35);
    expect(decayedConfidence(3, 0, 270 * day)).toBe(0.2);
  });
});
