import { describe, expect, it } from 'vitest';
import { zCollectPayload } from './collect.js';

describe('zCollectPayload', () => {
  it('drops the user name and password of a page URL, and leaves other URLs untouched', () => {
    const url = (u: string) => zCollectPayload.parse({ site: 'k', url: u }).url;
    expect(url('https://alice:s3cret@example.com/a?b=1#c')).toBe('https://example.com/a?b=1#c');
    expect(url('https://example.com/contact?email=a@b.fr')).toBe('https://example.com/contact?email=a@b.fr');
    expect(url('https://example.com/Path%20X')).toBe('https://example.com/Path%20X');
  });
});
