import { AppError } from '../errors/app-error';
import { boolParam, durationParam, parseTimeValue, rejectUnknownParams, stringParam } from './query-params';

const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).message;
  }
  throw new Error('expected an error');
};

describe('query parameters', () => {
  it('rejects unknown parameters with OpenSearch wording, accepting the global ones', () => {
    expect(() => rejectUnknownParams({ pretty: '', all: 'true' }, ['all'], '/p')).not.toThrow();
    expect(message(() => rejectUnknownParams({ foo: '1' }, [], '/p'))).toBe('request [/p] contains unrecognized parameter: [foo]');
    expect(message(() => rejectUnknownParams({ a: '1', b: '2' }, [], '/p'))).toBe('request [/p] contains unrecognized parameters: [a], [b]');
  });

  it('parses booleans as OpenSearch does', () => {
    expect(boolParam({}, 'x')).toBe(false);
    expect(boolParam({ x: '' }, 'x')).toBe(true);
    expect(boolParam({ x: 'true' }, 'x')).toBe(true);
    expect(boolParam({ x: 'false' }, 'x', true)).toBe(false);
    expect(message(() => boolParam({ x: 'yes' }, 'x'))).toBe('Failed to parse value [yes] as only [true] or [false] are allowed.');
    expect(message(() => stringParam({ x: ['a', 'b'] }, 'x'))).toContain('[x]');
  });

  it('parses time values', () => {
    expect(parseTimeValue('2s', 't')).toBe(2000);
    expect(parseTimeValue('1m', 't')).toBe(60000);
    expect(parseTimeValue('250ms', 't')).toBe(250);
    expect(durationParam({}, 't')).toBeUndefined();
    expect(message(() => parseTimeValue('soon', 'wait_for_completion_timeout'))).toContain('[wait_for_completion_timeout]');
  });
});
