/**
 * The JSONPath subset `http_request` uses to pick values out of a response: `$`, `.key`, `['key']`, `[0]`.
 * Returns undefined when the path does not resolve; throws on a malformed path.
 */
export function readJsonPath(doc: unknown, path: string): unknown {
  const tokens = parseJsonPath(path);
  let current = doc;
  for (const token of tokens) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[token];
  }
  return current;
}

export function parseJsonPath(path: string): (string | number)[] {
  const s = path.trim();
  if (!s.startsWith('$')) throw new Error(`JSONPath [${path}] must start with $`);
  const tokens: (string | number)[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < s.length) {
    const m = re.exec(s);
    if (!m) throw new Error(`JSONPath [${path}] is not supported: use $.a.b, $['a'] or $[0]`);
    tokens.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] ?? m[4]).replace(/\\(.)/g, '$1')));
  }
  return tokens;
}
