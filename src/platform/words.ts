// Counted nouns in messages people read: "1 warning", "3 warnings", never "warning(s)".

/** `count` with the noun in the singular or plural (the plural given when it is not noun + s). */
export function counted(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? noun : plural}`;
}
