/**
 * The few pieces of Java behaviour that leak into Flow Framework's use-case output: the iteration order of a
 * java.util.HashMap (it decides in which order defaults are substituted, and how an object value is printed), and
 * how Java prints lists, maps and doubles.
 */

/** java.lang.String#hashCode over UTF-16 code units, as a signed 32-bit int. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * The iteration order of a `new HashMap<>()` into which `keys` were put in this order (a repeated key keeps its first
 * position). Buckets ascend; a bucket keeps insertion order, also across resizes. The table starts at 16 and doubles
 * whenever the size passes 3/4 of it. (Bins that turn into trees need 8 colliding keys in a table of 64 or more,
 * which the maps here never reach.)
 */
export function javaHashMapOrder(keys: Iterable<string>): string[] {
  const unique = [...new Set(keys)];
  let capacity = 16;
  while (unique.length > capacity * 0.75) capacity *= 2;
  const bucket = (key: string) => {
    const h = javaStringHash(key);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return unique
    .map((key, index) => ({ key, index, bucket: bucket(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((e) => e.key);
}

/** AbstractCollection#toString: `[a, b]`. */
export const javaListToString = (items: readonly string[]) => `[${items.join(', ')}]`;

/** HashMap#toString: `{k=v, k2=v2}` in HashMap order. */
export function javaMapToString(map: ReadonlyMap<string, string>): string {
  return `{${javaHashMapOrder(map.keys())
    .map((k) => `${k}=${map.get(k)}`)
    .join(', ')}}`;
}

/** An integral number in plain digits (String(1e21) would be "1e+21"). */
const integerText = (n: number) => (Math.abs(n) < 1e21 ? String(n === 0 ? 0 : n) : BigInt(n).toString());

/**
 * What Jackson's getText() gives for a JSON number. It is the number's source text, which a parsed body no longer
 * has; the shortest text that reads back as the same number is the closest we can get ("1.0" comes back as "1").
 */
export const jsonNumberText = (n: number) => (Number.isInteger(n) ? integerText(n) : String(n));

/**
 * String.valueOf(parser.numberValue()): an integer prints as Integer/Long/BigInteger does, any other number as
 * Double#toString does: plain between 10^-3 and 10^7, otherwise `d.dddE±n`, always with a digit after the point.
 */
export function javaNumberValueText(n: number): string {
  if (Number.isInteger(n)) return integerText(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) return String(n);
  const [mantissa, exponent] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.replace('+', '')}`;
}
