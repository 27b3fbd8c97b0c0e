// One variable in the form: its total, and on demand the grid of its breakdown (rows = codes of
// the first dimension, columns = codes of the second, or one column when there is one dimension).
// A coded variable takes an answer of its code list instead of a number (AnswerInput).
import { Button, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RowHeader } from '../../platform/DataTable';
import { Muted } from '../../platform/text';
import { AnswerInput } from './AnswerInput';
import { CellInput, type CellState } from './CellInput';
import { answersOf, cellKey, type Coords, type Dimension, type Variable } from './model';

export interface CellAccess {
  get: (key: string) => CellState;
  set: (key: string, patch: { value?: string; comment?: string; obsStatus?: string; evidence?: string }) => void;
  readOnly: boolean;
}

/** The field of one cell: an answer of the code list for a coded variable, a number otherwise. */
function ValueCell({ variable, label, cellKey: key, cells }: { variable: Variable; label: string; cellKey: string; cells: CellAccess }) {
  const answers = answersOf(variable);
  const cell = cells.get(key);
  const onChange = (patch: Parameters<CellAccess['set']>[1]) => cells.set(key, patch);
  return answers ? (
    <AnswerInput label={label} answers={answers} cell={cell} readOnly={cells.readOnly} onChange={onChange} />
  ) : (
    <CellInput label={label} cell={cell} readOnly={cells.readOnly} onChange={onChange} />
  );
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
  const coded = answersOf(variable) !== null;
  return (
    <>
      <Table.Tr>
        <RowHeader fw={500}>
          {variable.label}
          <Muted size="xs">{variable.unit}</Muted>
        </RowHeader>
        {/* An answer without breakdown takes the breakdown's column too: it comes with its comment and links. */}
        <Table.Td colSpan={coded && dimensions.length === 0 ? 2 : 1}>
          <ValueCell
            variable={variable}
            label={coded ? variable.label : t('form.totalOf', { variable: variable.label })}
            cellKey={totalKey}
            cells={cells}
          />
        </Table.Td>
        {coded && dimensions.length === 0 ? null : (
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
        )}
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
                    <ValueCell variable={variable} label={label} cellKey={key} cells={cells} />
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
