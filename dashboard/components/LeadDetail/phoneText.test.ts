import { describe, expect, it } from 'vitest';
import { phoneText } from './phoneText';

describe('phone display', () => {
  it('groups a French number in pairs and leaves other numbers as stored', () => {
    expect(phoneText('+33142685300')).toBe('+33 1 42 68 53 00');
    expect(phoneText('+33612345678')).toBe('+33 6 12 34 56 78');
    expect(phoneText('+14155552671')).toBe('+14155552671');
    expect(phoneText('01 23')).toBe('01 23');
  });
});
