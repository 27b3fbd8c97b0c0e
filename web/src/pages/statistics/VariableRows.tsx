// One variable in the form: its total, and on demand the grid of its breakdown (rows = codes of
// the first dimension, columns = codes of the second, or one column when there is one dimension).
import { Button, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RowHeader } from '../../platform/DataTable';
import { Muted } from '../../platform/text';
import { CellInput, type CellState } from './CellInput';
import { cellKey, type Coords, type Dimension, type Variable } from './model';

export interface CellAccess {
  get: (key: string) => CellState;
  set: (key: string, patch: { value?: string; comment?: string; obsStatus?: string }) => void;
  readOnly: boolean;
}

interface Props {
  variable: Variable;
  dimensions: Dimension[];
  orgUnit: string | null;
  cells: CellAccess;
}

export function VariableRows({ variable, dimensions, orgUnit, cells }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const totalKey = cellKey(variable.code, orgUnit, {});
  const gridId = `grid-${variable.code.replace(/\W/g, '-')}-${orgUnit ?? 'partner'}`;
  const breakdownKeys = breakdownCells(variable, dimensions, orgUnit);
  const filled = breakdownKeys.filter((k) => cells.get(k).value !== '').length;
  const changed = breakdownKeys.some((k) => cells.get(k).changed || cells.get(k).error);
  return (
    <>
      <Table.Tr>
        <RowHeader fw={500}>
          {variable.label}
          <Muted size="xs">{variable.unit}</Muted>
        </RowHeader>
        <Table.Td>
          <CellInput
            label={t('form.totalOf', { variable: variable.label })}
            cell={cells.get(totalKey)}
            readOnly={cells.readOnly}
            onChange={(patch) => cells.set(totalKey, patch)}
          />
        </Table.Td>
        <Table.Td>
          {dimensions.length > 0 ? (
            <Button
              size="compact-sm"
              variant={changed ? 'light' : 'subtle'}
              onClick={() => setOpen((o) => !o)}
              aria-expanded={open}
              aria-controls={gridId}
              aria-label={t(open ? 'form.hideBreakdownOf' : 'form.showBreakdownOf', { variable: variable.label })}
            >
              {open ? t('form.hideBreakdown') : t('form.showBreakdown', { filled, total: breakdownKeys.length })}
            </Button>
          ) : (
            <Muted>—</Muted>
          )}
        </Table.Td>
      </Table.Tr>
      {open && dimensions.length > 0 && (
        <Table.Tr id={gridId}>
          <Table.Td colSpan={3} p="xs">
            <BreakdownGrid variable={variable} dimensions={dimensions} orgUnit={orgUnit} cells={cells} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function breakdownCells(variable: Variable, dimensions: Dimension[], orgUnit: string | null): string[] {
  const [rows, cols] = dimensions;
  if (!rows) return [];
  return rows.codes
    .flatMap((r) => (cols ? cols.codes.map((c) => coordsOf(rows, r.code, cols, c.code)) : [coordsOf(rows, r.code)]))
    .map((coords) => cellKey(variable.code, orgUnit, coords));
}

function coordsOf(rows: Dimension, row: string, cols?: Dimension, col?: string): Coords {
  return cols && col ? { [rows.code]: row, [cols.code]: col } : { [rows.code]: row };
}

function BreakdownGrid({ variable, dimensions, orgUnit, cells }: Props) {
  const { t } = useTranslation();
  const [rows, cols] = dimensions as [Dimension, Dimension | undefined];
  const columns = cols ? cols.codes : [{ code: '', label: t('form.value') }];
  return (
    <Table.ScrollContainer minWidth={cols ? 200 + columns.length * 150 : 360}>
      <Table withTableBorder withColumnBorders verticalSpacing={4} aria-label={t('form.breakdownOf', { variable: variable.label })}>
        <Table.Caption>{t('form.breakdownCaption', { rows: rows.label, columns: cols?.label ?? t('form.value') })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{rows.label}</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c.code} scope="col">
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.codes.map((r) => (
            <Table.Tr key={r.code}>
              <RowHeader>{r.label}</RowHeader>
              {columns.map((c) => {
                const key = cellKey(variable.code, orgUnit, coordsOf(rows, r.code, cols, c.code));
                const label = cols ? `${variable.label}, ${r.label}, ${c.label}` : `${variable.label}, ${r.label}`;
                return (
                  <Table.Td key={c.code}>
                    <CellInput label={label} cell={cells.get(key)} readOnly={cells.readOnly} onChange={(patch) => cells.set(key, patch)} />
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
