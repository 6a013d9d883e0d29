/** `%`, `_` and the escape character itself, escaped for `LIKE … ESCAPE '!'` (portable across SQLite and MySQL). */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

