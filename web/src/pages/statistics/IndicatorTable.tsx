// The indicator explorer's tables, the same figures as the charts: per partner for one period
// (value, numerator, denominator; EU member states under their own heading; then the region and
// the median, or how many partners reported when too few did), and per partner over time.
import { Table, Text } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Partner } from '../../platform/api';
import { DataTable, HeaderRow, rightAligned, RowHeader } from '../../platform/DataTable';
import { formatNumber, withUnit } from '../../platform/format';
import { Muted } from '../../platform/text';
import { hasRegionValue, regionMedian, type RegionEntry } from './coverage';
import { NoRegionValue, useCoverageTexts } from './Coverage';
import { FigureMarks, FigureValue } from './FigureMarks';
import type { FigureStatus } from './figures';
import { byCatalogue } from './model';
import { FigureStatusBadge } from './StatusBadge';

export interface IndicatorValue {
  partner: string;
  group: string;
  orgUnit: string | null;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** The least advanced workflow status of the data the value rests on; null without data. */
  status: FigureStatus | null;
  /** The release the value comes from; null when not published. */
  release: number | null;
  /** The value comes from a release that revised an earlier one. */
  revised: boolean;
  /** No partner total was given and the org-unit list is not declared complete: this many org units reported. */
  partialUnits: number | null;
}
export interface IndicatorAnswer {
  indicator: { code: string; label: string; unit: string; decimals: number; aggregation: string; polarity: string; description: string };
  dimensions: Record<string, string>;
  periods: string[];
  values: IndicatorValue[];
  region: RegionEntry[];
}

interface Props {
  answer: IndicatorAnswer;
  partners: Partner[];
  period: string;
}

/**
 * The partners' figures of one period (partner totals only): the Western Balkans first, then the
 * other groups (EU member states), each in the given order of partners; and the groups, in that order.
 */
export function periodFigures(answer: IndicatorAnswer, period: string, order: (a: string, b: string) => number) {
  const rows = answer.values
    .filter((v) => v.period === period && v.orgUnit === null)
    .sort((a, b) => (a.group === 'WB6' ? 0 : 1) - (b.group === 'WB6' ? 0 : 1) || order(a.partner, b.partner));
  return { rows, groups: [...new Set(rows.map((v) => v.group))] };
}

interface GroupedRowsProps {
  rows: IndicatorValue[];
  groups: string[];
  /** The table's number of columns, spanned by a group's heading and by the empty note. */
  columns: number;
  /** The colour of the heading of a group other than the Western Balkans. */
  headingColor: string;
  /** The note of a period without figures. */
  empty: ReactNode;
  row: (figure: IndicatorValue) => ReactNode;
}

/** The partners' rows of a period table: a row group each (Table.Tbody), headed by its name unless it is the Western Balkans. */
export function GroupedRows({ rows, groups, columns, headingColor, empty, row }: GroupedRowsProps) {
  const { t } = useTranslation();
  return (
    <>
      {groups.map((group) => (
        <Table.Tbody key={group}>
          {group !== 'WB6' && (
            <Table.Tr>
              <Table.Th scope="rowgroup" colSpan={columns} c={headingColor}>
                {t(`indicators.groupNames.${group}`, { defaultValue: group })}
              </Table.Th>
            </Table.Tr>
          )}
          {rows
            .filter((v) => v.group === group)
            .map((v) => (
              <Fragment key={v.partner}>{row(v)}</Fragment>
            ))}
        </Table.Tbody>
      ))}
      {rows.length === 0 && (
        <Table.Tbody>
          <Table.Tr>
            <Table.Td colSpan={columns}>{empty}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      )}
    </>
  );
}

/** A partner's value (with its marks), numerator and denominator, right-aligned. */
export function FigureCells({ figure: v, decimals }: { figure: IndicatorValue; decimals: number }) {
  return (
    <>
      <Table.Td ta="right">
        <FigureValue text={formatNumber(v.value, decimals)} {...v} />
      </Table.Td>
      <Table.Td ta="right">{formatNumber(v.numerator)}</Table.Td>
      <Table.Td ta="right">{formatNumber(v.denominator)}</Table.Td>
    </>
  );
}

interface RegionFootProps {
  region: RegionEntry | undefined;
  decimals: number;
  /** The table's number of columns: the region's figures leave those after the value blank. */
  columns: number;
  /** How the note of a region without a value is aligned. */
  missingAlign?: 'right';
}

/** Below the partners: the region as a whole and the median of the partners when enough reported, or how many did. */
export function RegionFoot({ region, decimals, columns, missingAlign }: RegionFootProps) {
  const { t } = useTranslation();
  const coverage = useCoverageTexts();
  const summary: [string, number | null][] = [
    [hasRegionValue(region) ? coverage.covered(region.members) : t('indicators.region'), hasRegionValue(region) ? region.value : null],
    [t('indicators.medianRow'), regionMedian(region)],
  ];
  return (
    <Table.Tfoot>
      {summary.map(([label, value]) => (
        <Table.Tr key={label}>
          <Table.Th scope="row">{label}</Table.Th>
          {hasRegionValue(region) ? (
            <>
              <Table.Td ta="right" fw={700}>
                {formatNumber(value, decimals)}
                <FigureStatusBadge status={region.status} />
              </Table.Td>
              <Table.Td colSpan={columns - 2} />
            </>
          ) : (
            <Table.Td colSpan={columns - 1} ta={missingAlign}>
              <NoRegionValue members={region?.members ?? 0} />
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </Table.Tfoot>
  );
}

/** The columns of a period table: the partner, then its value (with the unit), numerator and denominator. */
export function periodColumns(t: ReturnType<typeof useTranslation>['t'], unit: string) {
  return [
    t('indicators.partner'),
    ...rightAligned([withUnit(t('indicators.value'), unit), t('indicators.numerator'), t('indicators.denominator')]),
  ];
}

export function PeriodTable({ answer, partners, period }: Props) {
  const { t } = useTranslation();
  const { decimals, unit } = answer.indicator;
  const name = (code: string) => partners.find((p) => p.code === code)?.name ?? code;
  const { rows, groups } = periodFigures(answer, period, byCatalogue(partners));
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped aria-label={t('indicators.tableLabel', { period })}>
        <HeaderRow columns={periodColumns(t, unit)} />
        <GroupedRows
          rows={rows}
          groups={groups}
          columns={4}
          headingColor="dimmed"
          empty={<Muted>{t('indicators.noValues')}</Muted>}
          row={(v) => (
            <Table.Tr>
              <RowHeader>
                {v.partner} — {name(v.partner)}
              </RowHeader>
              <FigureCells figure={v} decimals={decimals} />
            </Table.Tr>
          )}
        />
        <RegionFoot region={answer.region.find((r) => r.period === period)} decimals={decimals} columns={4} missingAlign="right" />
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The rows of a table of partners over the periods: each partner's figures (with their marks),
 * then the region's value with the partners it stands on.
 */
export function SeriesRows({ answer, partners }: { answer: IndicatorAnswer; partners: { code: string; label: ReactNode }[] }) {
  const { t } = useTranslation();
  const { decimals } = answer.indicator;
  const valueOf = (partner: string, period: string) =>
    answer.values.find((v) => v.partner === partner && v.period === period && v.orgUnit === null);
  return (
    <>
      {partners.map((p) => (
        <Table.Tr key={p.code}>
          <RowHeader>{p.label}</RowHeader>
          {answer.periods.map((period) => {
            const v = valueOf(p.code, period);
            return (
              <Table.Td key={period} ta="right">
                <FigureValue text={formatNumber(v?.value, decimals)} {...v} />
              </Table.Td>
            );
          })}
        </Table.Tr>
      ))}
      <Table.Tr>
        <Table.Th scope="row">{t('indicators.region')}</Table.Th>
        {answer.periods.map((period) => (
          <Table.Td key={period} ta="right">
            <RegionValue entry={answer.region.find((r) => r.period === period)} decimals={decimals} />
          </Table.Td>
        ))}
      </Table.Tr>
    </>
  );
}

export function SeriesTable({ answer, partners }: Omit<Props, 'period'>) {
  const { t } = useTranslation();
  return (
    <DataTable
      minWidth={200 + answer.periods.length * 90}
      striped
      aria-label={t('indicators.seriesTableLabel')}
      columns={[t('indicators.partner'), ...rightAligned(answer.periods)]}
    >
      <SeriesRows
        answer={answer}
        partners={partners.map((p) => ({
          code: p.code,
          label: (
            <>
              {p.code} — {p.name}
            </>
          ),
        }))}
      />
    </DataTable>
  );
}

/**
 * A region's value in a table cell: the figure with the partners it stands on below it ('5 of 6
 * partners'), or, when too few reported, how many did.
 */
export function RegionValue({
  entry,
  decimals,
  figure = 'value',
}: {
  entry: RegionEntry | undefined;
  decimals: number;
  figure?: 'value' | 'median';
}) {
  const coverage = useCoverageTexts();
  const members = entry?.members ?? 0;
  const value = figure === 'value' ? (hasRegionValue(entry) ? entry.value : null) : regionMedian(entry);
  if (value === null) return <NoRegionValue members={members} />;
  return (
    <>
      <Text span display="block" size="sm" fw={700}>
        {formatNumber(value, decimals)}
        <FigureMarks status={entry?.status ?? null} />
      </Text>
      <Text span display="block" size="xs" c="dimmed">
        {coverage.partners(members)}
      </Text>
    </>
  );
}
