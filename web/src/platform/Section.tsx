// The titled parts of a page: a region (`section`) named by its heading, boxed in a bordered paper or
// plain, and a form named by its heading the same way.
import { Paper, Stack, Title, type MantineSpacing, type StyleProp } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

/** The heading of a section: order 3 for a part of the page, 4 for a part of a section. */
export function SectionTitle({ id, order = 3, children }: { id: string; order?: 3 | 4; children: ReactNode }) {
  return (
    <Title order={order} size={order === 3 ? 'h4' : 'h5'} id={id}>
      {children}
    </Title>
  );
}

interface SectionProps {
  /** The id of the heading, which names the region. */
  id: string;
  title: ReactNode;
  order?: 3 | 4;
  /** A plain stack instead of a bordered paper. */
  plain?: boolean;
  /** The space between the heading and the content, stacked; without it a paper holds them as they are. */
  gap?: MantineSpacing | number;
  children: ReactNode;
}

/** A region of a page named by its heading: a bordered paper, or with `plain` a stack. */
export function Section({ id, title, order = 3, plain = false, gap, children }: SectionProps) {
  const heading = (
    <SectionTitle id={id} order={order}>
      {title}
    </SectionTitle>
  );
  if (plain) {
    return (
      <Stack component="section" aria-labelledby={id} gap={gap}>
        {heading}
        {children}
      </Stack>
    );
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      {gap === undefined ? (
        <>
          {heading}
          {children}
        </>
      ) : (
        <Stack gap={gap}>
          {heading}
          {children}
        </Stack>
      )}
    </Paper>
  );
}

interface FormSectionProps {
  id: string;
  title: ReactNode;
  order?: 3 | 4;
  onSubmit: (e: FormEvent) => void;
  gap?: MantineSpacing;
  maw?: StyleProp<number | string>;
  mt?: StyleProp<MantineSpacing>;
  children: ReactNode;
}

/** A form named by its heading, its fields stacked below it. */
export function FormSection({ id, title, order = 4, onSubmit, gap = 'xs', maw = 760, mt, children }: FormSectionProps) {
  return (
    <Stack component="form" onSubmit={onSubmit} gap={gap} aria-labelledby={id} maw={maw} mt={mt}>
      <SectionTitle id={id} order={order}>
        {title}
      </SectionTitle>
      {children}
    </Stack>
  );
}
