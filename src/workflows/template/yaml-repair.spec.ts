import { indentQuotedContinuations } from './yaml-repair';

describe('indentQuotedContinuations', () => {
  it('indents continuation lines of an open quoted value, up to the closing quote', () => {
    const text = ['    - body: \'{"a":', '  "b"}\'', '      next: "x', 'y"', 'end: 1'].join('\n');
    expect(indentQuotedContinuations(text)).toBe(
      ['    - body: \'{"a":', '             "b"}\'', '      next: "x', '             y"', 'end: 1'].join('\n'),
    );
  });

  it('leaves block scalars, escaped quotes and closed quotes alone', () => {
    const text = ['a: |', "  it's", 'b: \'it\'\'s\'', 'c: "say \\"hi\\""', "d: don't"].join('\n');
    expect(indentQuotedContinuations(text)).toBe(text);
  });
});
