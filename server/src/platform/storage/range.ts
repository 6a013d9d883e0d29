/** A parsed single byte range, inclusive, within a file of `size` bytes. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Parse an HTTP Range header for one range (`bytes=a-b`, `bytes=a-`, `bytes=-n`).
 * Returns null for no/unsupported header (serve the whole file), 'unsatisfiable' for a range outside the file.
 * Multiple ranges are answered with the first one, as players only ever ask for one.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)(?:,.*)?$/.exec(header.trim());
  if (!match) return null;
  const [, startText = '', endText = ''] = match;
  if (startText === '' && endText === '') return null;
  if (size === 0) return 'unsatisfiable';
  if (startText === '') {
    const suffix = Number(endText);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(startText);
  const end = endText === '' ? size - 1 : Math.min(Number(endText), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
