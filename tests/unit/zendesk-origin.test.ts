import { describe, expect, it } from 'vitest';
import { zendeskOrigin } from '../../src/host/origin';

describe('zendeskOrigin', () => {
  it('reads the origin Zendesk gives the iframe URL, in the query or the hash', () => {
    expect(zendeskOrigin({ search: '?origin=https%3A%2F%2Flumenbank.zendesk.com&app_guid=x', hash: '' })).toBe(
      'https://lumenbank.zendesk.com',
    );
    expect(zendeskOrigin({ search: '', hash: '#origin=http%3A%2F%2Flocalhost%3A4567&app_guid=x' })).toBe('http://localhost:4567');
  });

  it('gives nothing for a missing or non-http(s) origin', () => {
    expect(zendeskOrigin({ search: '', hash: '' })).toBeNull();
    expect(zendeskOrigin({ search: '?origin=javascript%3Awindow.__xss%3D1', hash: '' })).toBeNull();
    expect(zendeskOrigin({ search: '?origin=%2F%2Fevil.example', hash: '' })).toBeNull();
  });
});
