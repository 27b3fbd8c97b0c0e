// Small texts the portal's pages share: a note in grey dark enough to read on white (WCAG AA for small
// text), a table caption and a table captioned so, Kosovo's designation footnote (once, below a page
// that names Kosovo), and the licence line.
import { Alert, Anchor, Stack, Table, Text, type TextProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { HeaderRow, type ColumnSpec } from '../../platform/DataTable';
import { useTranslation } from 'react-i18next';

/** A secondary line in small grey text (gray.7: a contrast of about 8:1 on white). */
export function Note({ children, ...text }: TextProps & { children: ReactNode }) {
  return (
    <Text size="sm" c="gray.7" {...text}>
      {children}
    </Text>
  );
}

/** The page of a code the catalogue does not have: the way back, and what was not found. */
export function NotInCatalogue({ back, children }: { back: ReactNode; children: ReactNode }) {
  return (
    <Stack>
      {back}
      <Alert color="red" role="alert">
        {children}
      </Alert>
    </Stack>
  );
}

/** A table's caption above it, in the page's reading colour (Mantine's default caption is a light grey). */
export function Caption({ children }: { children: ReactNode }) {
  return (
    <Table.Caption c="gray.8" ta="left" fz="sm">
      {children}
    </Table.Caption>
  );
}

interface CaptionedTableProps {
  caption: ReactNode;
  columns: ColumnSpec[];
  /** Below this width the table scrolls sideways. */
  minWidth: number;
  /** The body rows. */
  children: ReactNode;
}

/** A striped table of one body with its caption above it (the portal names its tables by their captions). */
export function CaptionedTable({ caption, columns, minWidth, children }: CaptionedTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped captionSide="top">
        <Caption>{caption}</Caption>
        <HeaderRow columns={columns} />
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The footnote of the asterisk after Kosovo's name; nothing when the page does not name Kosovo. */
export function DesignationNote({ shown }: { shown: boolean }) {
  const { t } = useTranslation();
  if (!shown) return null;
  return (
    <Note size="xs" mt="md">
      * {t('portal.designation')}
    </Note>
  );
}

/** The licence of the published figures, linked. */
export function LicenceNote() {
  const { t } = useTranslation();
  return (
    <Note>
      {t('portal.licence')}{' '}
      <Anchor href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noopener" size="sm">
        {t('portal.licenceName')}
      </Anchor>
    </Note>
  );
}
