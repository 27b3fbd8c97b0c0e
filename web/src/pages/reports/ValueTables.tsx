// The indicator page's tables, the figures of its charts and map: the partners for one period (value,
// numerator, denominator, a link to each partner's profile; other groups such as EU member states
// under their own heading; the region and the median below), and the partners over the periods.
// Partners are named as the labels switch says; figures not yet published keep their marks.
import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { HeaderRow, rightAligned, RowHeader } from '../../platform/DataTable';
import { formatNumber, withUnit } from '../../platform/format';
import { hasRegionValue, regionMedian } from '../statistics/coverage';
import { NoRegionValue, useCoverageTexts } from '../statistics/Coverage';
import { FigureValue } from '../statistics/FigureMarks';
import { RegionValue, type IndicatorAnswer } from '../statistics/IndicatorTable';
import { FigureStatusBadge } from '../statistics/StatusBadge';
import { labelOf, portalPaths, type LabelMode } from './model';
import { Caption, Note } from './Notes';

interface Props {
  answer: IndicatorAnswer;
  /** Partner names by code, in the order of the partner list. */
  names: Map<string, string>;
  labels: LabelMode;
  caption: string;
}

type Figure = IndicatorAnswer['values'][number];
type RegionEntry = IndicatorAnswer['region'][number];

export function PeriodValueTable({ answer, names, labels, caption, period }: Props & { period: string }) {
  const { t } = useTranslation();
  const { decimals, unit } = answer.indicator;
  // The partners in the order of the partner list (the Western Balkans first), other groups after them.
  const order = [...names.keys()];
  const rows = answer.values
    .filter((v) => v.period === period && v.orgUnit === null)
    .sort((a, b) => (a.group === 'WB6' ? 0 : 1) - (b.group === 'WB6' ? 0 : 1) || order.indexOf(a.partner) - order.indexOf(b.partner));
  const groups = [...new Set(rows.map((v) => v.group))];
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped captionSide="top">
        <Caption>{caption}</Caption>
        <HeaderRow
          columns={[
            t('indicators.partner'),
            ...rightAligned([withUnit(t('indicators.value'), unit), t('indicators.numerator'), t('indicators.denominator')]),
            t('portal.profileColumn'),
          ]}
        />
        {groups.map((group) => (
          <Table.Tbody key={group}>
            {group !== 'WB6' && (
              <Table.Tr>
                <Table.Th scope="rowgroup" colSpan={5} c="gray.7">
                  {t(`indicators.groupNames.${group}`, { defaultValue: group })}
                </Table.Th>
              </Table.Tr>
            )}
            {rows
              .filter((v) => v.group === group)
              .map((v) => (
                <PartnerRow key={v.partner} figure={v} names={names} labels={labels} decimals={decimals} />
              ))}
          </Table.Tbody>
        ))}
        {rows.length === 0 && (
          <Table.Tbody>
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Note>{t('indicators.noValues')}</Note>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        )}
        <RegionFoot region={answer.region.find((r) => r.period === period)} decimals={decimals} />
      </Table>
    </Table.ScrollContainer>
  );
}

interface PartnerRowProps {
  figure: Figure;
  names: Map<string, string>;
  labels: LabelMode;
  decimals: number;
}

/** A partner's value, numerator and denominator, and for the Western Balkans a link to its profile. */
function PartnerRow({ figure: v, names, labels, decimals }: PartnerRowProps) {
  const { t } = useTranslation();
  const name = labelOf(v.partner, names.get(v.partner), 'name');
  return (
    <Table.Tr>
      <RowHeader>{labelOf(v.partner, names.get(v.partner), labels)}</RowHeader>
      <Table.Td ta="right">
        <FigureValue text={formatNumber(v.value, decimals)} {...v} />
      </Table.Td>
      <Table.Td ta="right">{formatNumber(v.numerator)}</Table.Td>
      <Table.Td ta="right">{formatNumber(v.denominator)}</Table.Td>
      <Table.Td>
        {v.group === 'WB6' && (
          <Anchor component={Link} to={portalPaths.partner(v.partner)} size="sm">
            {t('portal.profileOf', { partner: name })}
          </Anchor>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The region's value and the median below the partners, or why the region has none. */
function RegionFoot({ region, decimals }: { region: RegionEntry | undefined; decimals: number }) {
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
              <Table.Td colSpan={3} />
            </>
          ) : (
            <Table.Td colSpan={4}>
              <NoRegionValue members={region?.members ?? 0} />
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </Table.Tfoot>
  );
}

export function SeriesValueTable({ answer, names, labels, caption, partners }: Props & { partners: string[] }) {
  const { t } = useTranslation();
  const { decimals } = answer.indicator;
  const valueOf = (partner: string, period: string) =>
    answer.values.find((v) => v.partner === partner && v.period === period && v.orgUnit === null);
  return (
    <Table.ScrollContainer minWidth={220 + answer.periods.length * 90}>
      <Table striped captionSide="top">
        <Caption>{caption}</Caption>
        <HeaderRow columns={[t('indicators.partner'), ...rightAligned(answer.periods)]} />
        <Table.Tbody>
          {partners.map((code) => (
            <Table.Tr key={code}>
              <RowHeader>{labelOf(code, names.get(code), labels)}</RowHeader>
              {answer.periods.map((period) => {
                const v = valueOf(code, period);
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
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
