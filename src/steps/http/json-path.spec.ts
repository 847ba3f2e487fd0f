import { readJsonPath } from './json-path';

describe('readJsonPath', () => {
  const doc = { id: 'x', data: { items: [{ name: 'a' }, { name: 'b' }], 'odd key': 1 } };

  it('reads keys, indexes and quoted keys', () => {
    expect(readJsonPath(doc, '$')).toBe(doc);
    expect(readJsonPath(doc, '$.id')).toBe('x');
    expect(readJsonPath(doc, '$.data.items[1].name')).toBe('b');
    expect(readJsonPath(doc, "$.data['odd key']")).toBe(1);
  });

  it('answers undefined for a missing path and throws for a malformed one', () => {
    expect(readJsonPath(doc, '$.nope.deeper')).toBeUndefined();
    expect(() => readJsonPath(doc, 'id')).toThrow('must start with $');
    expect(() => readJsonPath(doc, '$..id')).toThrow('not supported');
  });
});
