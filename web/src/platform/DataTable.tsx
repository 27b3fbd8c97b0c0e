// The tables of the pages: a header row of column headings, the rows the page gives, optional
// footer rows, sideways scrolling below a minimum width, and a quiet note in place of a table with
// nothing to list; the heading cell of a row; and a small table of named figures.
import { Table, type StyleProp, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { Muted } from './text';

export interface Column {
  label: ReactNode;
  ta?: 'left' | 'center' | 'right';
  w?: StyleProp<number | string>;
  miw?: StyleProp<number | string>;
}

/** A column given by its heading alone, or with its alignment and width; false leaves it out. */
export type ColumnSpec = ReactNode | Column | false;

/** Columns of figures, aligned right. */
export function rightAligned(labels: readonly ReactNode[]): Column[] {
  return labels.map((label) => ({ label, ta: 'right' }));
}

function isColumn(spec: ColumnSpec): spec is Column {
  return typeof spec === 'object' && spec !== null && 'label' in spec;
}

interface DataTableProps extends Omit<TableProps, 'children'> {
  columns: ColumnSpec[];
  /** Below this width the table scrolls sideways; without it the table is not in a scroll container. */
  minWidth?: number;
  /** Headings without scope="col" (tables that never had it). */
  unscoped?: boolean;
  /** Rows of a footer (Table.Tfoot). */
  foot?: ReactNode;
  /** A quiet note shown in place of the table when given, for a table with nothing to list (`rows.length === 0 && t('…')`). */
  empty?: ReactNode;
  /** The body rows. */
  children: ReactNode;
}

export function DataTable({ columns, minWidth, unscoped = false, foot, empty, children, ...table }: DataTableProps) {
  if (empty !== undefined && empty !== null && empty !== false) return <Muted>{empty}</Muted>;
  const content = (
    <Table {...table}>
      <HeaderRow columns={columns} unscoped={unscoped} />
      <Table.Tbody>{children}</Table.Tbody>
      {foot !== undefined && <Table.Tfoot>{foot}</Table.Tfoot>}
    </Table>
  );
  return minWidth === undefined ? content : <Table.ScrollContainer minWidth={minWidth}>{content}</Table.ScrollContainer>;
}

/** The table's header (Table.Thead): a row of column headings; on its own for a table of several row groups (Table.Tbody). */
export function HeaderRow({ columns, unscoped = false }: { columns: ColumnSpec[]; unscoped?: boolean }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns
          .filter((c) => c !== false && c !== null && c !== undefined)
          .map((c, i) => {
            const { label, ...column } = isColumn(c) ? c : { label: c };
            return (
              <Table.Th key={i} scope={unscoped ? undefined : 'col'} {...column}>
                {label}
              </Table.Th>
            );
          })}
      </Table.Tr>
    </Table.Thead>
  );
}

/** The heading of a row: its first cell, in the weight of the other cells unless told. */
export function RowHeader({ fw = 400, children }: { fw?: number; children: ReactNode }) {
  return (
    <Table.Th scope="row" fw={fw}>
      {children}
    </Table.Th>
  );
}

/** A table of named figures without a header: a row each, its name as the row's heading and the figure right-aligned. */
export function FigureTable({ rows, ...table }: { rows: readonly (readonly [string, ReactNode])[] } & Omit<TableProps, 'children'>) {
  return (
    <Table {...table}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <RowHeader>{label}</RowHeader>
            <Table.Td ta="right">{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
