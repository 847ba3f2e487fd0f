import { canonicalRequest, parseSignedAuthorization, signature, signedHeaders, signaturesEqual } from './request-signing';

describe('request signing', () => {
  const req = { method: 'post', path: '/x', query: { b: '2', a: ['3', '1'], 'sp ace': 'v w' }, body: '{"k":1}', date: '2026-01-01T00:00:00.000Z' };

  it('canonicalises method, path, sorted encoded query, body hash and date', () => {
    expect(canonicalRequest(req).split('\n')).toEqual([
      'POST',
      '/x',
      'a=1&a=3&b=2&sp%20ace=v%20w',
      expect.stringMatching(/^[0-9a-f]{64}$/),
      '2026-01-01T00:00:00.000Z',
    ]);
  });

  it('signs so that any change of the request changes the signature', () => {
    const s = signature('secret', req);
    expect(signature('secret', { ...req })).toBe(s);
    expect(signature('secret', { ...req, body: '{"k":2}' })).not.toBe(s);
    expect(signature('secret', { ...req, query: { b: '2' } })).not.toBe(s);
    expect(signature('other', req)).not.toBe(s);
  });

  it('round-trips the Authorization header', () => {
    const headers = signedHeaders('AKID', 'secret', req);
    const parsed = parseSignedAuthorization(headers.authorization)!;
    expect(parsed.accessKeyId).toBe('AKID');
    expect(signaturesEqual(parsed.signature, signature('secret', req))).toBe(true);
    expect(parseSignedAuthorization('Bearer x')).toBeNull();
  });
});
