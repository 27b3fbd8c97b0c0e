// Text styles the pages share: quiet notes (an empty list, a hint, a secondary line) and a text
// written by someone, its line breaks kept.
import { Text, type TextProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** A quiet note in small grey text: an empty list, a hint, a secondary line. */
export function Muted({ children, ...text }: TextProps & { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" {...text}>
      {children}
    </Text>
  );
}

/** A text someone wrote (a narrative, a comment, a description) with its line breaks; nothing when empty. */
export function Paragraphs({ text, ...props }: TextProps & { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <Text size="sm" className="pre-wrap" {...props}>
      {text}
    </Text>
  );
}
