/**
 * OpenSearch reads YAML bodies with SnakeYAML, which accepts a multi-line quoted scalar whose continuation lines are
 * indented less than its key. Two of Flow Framework's own sample templates rely on that; the `yaml` package follows
 * the spec and refuses them. Line folding drops a continuation line's leading spaces anyway, so indenting those
 * lines cannot change the value: this does exactly that and nothing else. It is only tried after a strict parse
 * failed, so a document that parses as written is never touched.
 */

// Optional indentation and "- " items, an optional key (plain or quoted) with ": ", then the opening quote of a value.
const QUOTED_VALUE_START = /^(\s*(?:-\s+)*(?:(?:'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^\s#'"][^#]*?)\s*:\s+)?)(['"])/;
// A value introducing a block scalar (`|`, `>-`, `|2+` …): its content lines must be left alone.
const BLOCK_SCALAR_START = /^\s*(?:-\s+)*(?:(?:'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^\s#'"][^#]*?)\s*:\s+)?[|>][-+0-9]*\s*(?:#.*)?\r?$/;

const leadingSpaces = (line: string): number => line.length - line.trimStart().length;
const isBlank = (line: string): boolean => line.trim() === '';

/** Index of the quote closing a scalar opened before `from`, or -1 when it is not on this line. */
function closingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') {
      i++; // an escaped character, possibly an escaped quote
    } else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") i++; // '' is an escaped single quote
      else return i;
    }
  }
  return -1;
}

export function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let openQuote: string | null = null; // inside a multi-line quoted scalar
  let minIndent = 0; // continuation lines are pushed to the column after the opening quote
  let blockIndent = -1; // inside a block scalar whose header line had this indentation

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (openQuote) {
      if (!isBlank(line) && leadingSpaces(line) < minIndent) {
        lines[i] = ' '.repeat(minIndent - leadingSpaces(line)) + line;
      }
      if (closingQuote(lines[i], 0, openQuote) !== -1) openQuote = null;
      continue;
    }
    if (blockIndent >= 0) {
      if (isBlank(line) || leadingSpaces(line) > blockIndent) continue;
      blockIndent = -1;
    }
    if (BLOCK_SCALAR_START.test(line)) {
      blockIndent = leadingSpaces(line);
      continue;
    }
    const start = QUOTED_VALUE_START.exec(line);
    if (start && closingQuote(line, start[1].length + 1, start[2]) === -1) {
      openQuote = start[2];
      minIndent = start[1].length + 1;
    }
  }
  return lines.join('\n');
}
