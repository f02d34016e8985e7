/** `1 line`, `3 lines`: a count and its word, plural by an `s` unless there is one. */
export function counted(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
