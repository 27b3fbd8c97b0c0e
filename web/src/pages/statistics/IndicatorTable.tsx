// The indicator explorer's tables, the same figures as the charts: per partner for one period
// (value, numerator, denominator; EU member states under their own heading; then the region and
// the median, or how many partners reported when too few did), and per partner over time.
import { Table, Text } from '@mantine/core';
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

export function PeriodTable({ answer, partners, period }: Props) {
  const { t } = useTranslation();
  const coverage = useCoverageTexts();
  const { decimals, unit } = answer.indicator;
  const name = (code: string) => partners.find((p) => p.code === code)?.name ?? code;
  const order = byCatalogue(partners);
  const rows = answer.values
    .filter((v) => v.period === period && v.orgUnit === null)
    .sort((a, b) => (a.group === 'WB6' ? 0 : 1) - (b.group === 'WB6' ? 0 : 1) || order(a.partner, b.partner));
  // The Western Balkan partners first; other groups (EU member states) in their own row group.
  const groups = [...new Set(rows.map((v) => v.group))];
  const region = answer.region.find((r) => r.period === period);
  const members = region?.members ?? 0;
  // Below the partners: the region as a whole and the median of the partners, when enough reported.
  const summary: [string, number | null][] = hasRegionValue(region)
    ? [
        [coverage.covered(members), region.value],
        [t('indicators.medianRow'), regionMedian(region)],
      ]
    : [
        [t('indicators.region'), null],
        [t('indicators.medianRow'), null],
      ];
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped aria-label={t('indicators.tableLabel', { period })}>
        <HeaderRow
          columns={[
            t('indicators.partner'),
            ...rightAligned([withUnit(t('indicators.value'), unit), t('indicators.numerator'), t('indicators.denominator')]),
          ]}
        />
        {groups.map((group) => (
          <Table.Tbody key={group}>
            {group !== 'WB6' && (
              <Table.Tr>
                <Table.Th scope="rowgroup" colSpan={4} c="dimmed">
                  {t(`indicators.groupNames.${group}`, { defaultValue: group })}
                </Table.Th>
              </Table.Tr>
            )}
            {rows
              .filter((v) => v.group === group)
              .map((v) => (
                <Table.Tr key={v.partner}>
                  <RowHeader>
                    {v.partner} — {name(v.partner)}
                  </RowHeader>
                  <Table.Td ta="right">
                    <FigureValue text={formatNumber(v.value, decimals)} {...v} />
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(v.numerator)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(v.denominator)}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        ))}
        {rows.length === 0 && (
          <Table.Tbody>
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Muted>{t('indicators.noValues')}</Muted>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        )}
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
                  <Table.Td />
                  <Table.Td />
                </>
              ) : (
                <Table.Td colSpan={3} ta="right">
                  <NoRegionValue members={members} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

export function SeriesTable({ answer, partners }: Omit<Props, 'period'>) {
  const { t } = useTranslation();
  const { decimals } = answer.indicator;
  const valueOf = (partner: string, period: string) =>
    answer.values.find((v) => v.partner === partner && v.period === period && v.orgUnit === null);
  return (
    <DataTable
      minWidth={200 + answer.periods.length * 90}
      striped
      aria-label={t('indicators.seriesTableLabel')}
      columns={[t('indicators.partner'), ...rightAligned(answer.periods)]}
    >
      {partners.map((p) => (
        <Table.Tr key={p.code}>
          <RowHeader>
            {p.code} — {p.name}
          </RowHeader>
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
