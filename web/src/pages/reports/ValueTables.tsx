// The indicator page's tables, the figures of its charts and map: the partners for one period (value,
// numerator, denominator, a link to each partner's profile; other groups such as EU member states
// under their own heading; the region and the median below), and the partners over the periods.
// Partners are named as the labels switch says; figures not yet published keep their marks. The rows
// are those of the indicator explorer's tables, with a caption instead of an accessible name.
import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { HeaderRow, rightAligned, RowHeader } from '../../platform/DataTable';
import {
  FigureCells,
  GroupedRows,
  periodColumns,
  periodFigures,
  RegionFoot,
  SeriesRows,
  type IndicatorAnswer,
} from '../statistics/IndicatorTable';
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

export function PeriodValueTable({ answer, names, labels, caption, period }: Props & { period: string }) {
  const { t } = useTranslation();
  const { decimals, unit } = answer.indicator;
  // The partners in the order of the partner list (the Western Balkans first), other groups after them.
  const order = [...names.keys()];
  const { rows, groups } = periodFigures(answer, period, (a, b) => order.indexOf(a) - order.indexOf(b));
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped captionSide="top">
        <Caption>{caption}</Caption>
        <HeaderRow columns={[...periodColumns(t, unit), t('portal.profileColumn')]} />
        <GroupedRows
          rows={rows}
          groups={groups}
          columns={5}
          headingColor="gray.7"
          empty={<Note>{t('indicators.noValues')}</Note>}
          row={(v) => <PartnerRow figure={v} names={names} labels={labels} decimals={decimals} />}
        />
        <RegionFoot region={answer.region.find((r) => r.period === period)} decimals={decimals} columns={5} />
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
      <FigureCells figure={v} decimals={decimals} />
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

export function SeriesValueTable({ answer, names, labels, caption, partners }: Props & { partners: string[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={220 + answer.periods.length * 90}>
      <Table striped captionSide="top">
        <Caption>{caption}</Caption>
        <HeaderRow columns={[t('indicators.partner'), ...rightAligned(answer.periods)]} />
        <Table.Tbody>
          <SeriesRows answer={answer} partners={partners.map((code) => ({ code, label: labelOf(code, names.get(code), labels) }))} />
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
