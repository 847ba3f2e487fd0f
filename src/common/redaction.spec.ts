import { redactText, redactUrl, redactValue } from './redaction';

describe('redaction', () => {
  it('removes known secret values from text, ignoring very short ones', () => {
    expect(redactText('failed: bad key sk-123456 for user', ['sk-123456', 'ab'])).toBe('failed: bad key [REDACTED] for user');
  });

  it('redacts secret-looking keys and known values in nested values', () => {
    expect(redactValue({ id: 'x', token: 't', nested: [{ note: 'uses hunter22' }] }, ['hunter22'])).toEqual({
      id: 'x',
      token: '[REDACTED]',
      nested: [{ note: 'uses [REDACTED]' }],
    });
  });

  it('redacts secret-looking query parameters in URLs', () => {
    expect(redactUrl('/w/1/_provision?create_connector.credential.key=sk-1&owner=alice')).toBe(
      '/w/1/_provision?create_connector.credential.key=%5BREDACTED%5D&owner=alice',
    );
    expect(redactUrl('/plain')).toBe('/plain');
  });
});
