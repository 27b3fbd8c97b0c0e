// An indicator on the map of the region for one period and breakdown: the six partners coloured by
// their figure (light to dark blue; grey without one), the neighbours in a lighter grey for context,
// each partner's label and figure on a white box so that it reads on any colour. A figure not yet
// published is hatched and its status named. The geometry is the app's own bundled file (Natural
// Earth, simplified), registered once with ECharts, as on the migration dashboard.
import { formatNumber } from '../../platform/format';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from '../statistics/EChart';
import { UnpublishedNote, useFigureSuffix } from '../statistics/FigureMarks';
import { isUnpublished } from '../statistics/figures';
import { type IndicatorAnswer } from '../statistics/IndicatorTable';
import { ErrorAlert } from '../../platform/feedback';
import { Loading } from '../../platform/QueryState';
import { useRegionMap, type RegionMapData } from '../migration/model';
import { blueScale, contextItem, partnerFill, partnerTooltip, regionSeries, useRegionPrepare } from '../migration/region-map';
import { Note } from './Notes';

type T = ReturnType<typeof useTranslation>['t'];
type Figures = Map<string, IndicatorAnswer['values'][number]>;

interface Props {
  answer: IndicatorAnswer;
  map: RegionMapData;
  period: string;
  /** How a partner is named in its tooltip. */
  nameOf: (code: string) => string;
  /** How a partner is named on the map, where room is short (a code rather than code and name). */
  shortNameOf: (code: string) => string;
  label: string;
}

export function IndicatorMap({ answer, map, period, nameOf, shortNameOf, label }: Props) {
  const { t } = useTranslation();
  const suffix = useFigureSuffix();
  const { unit, decimals } = answer.indicator;
  const figures = useMemo(
    () => new Map(answer.values.filter((v) => v.period === period && v.orgUnit === null).map((v) => [v.partner, v])),
    [answer, period],
  );
  const unpublished = [...figures.values()].some((f) => f.value !== null && isUnpublished(f.status));
  const prepare = useRegionPrepare(map);
  const option = useMemo<ChartOption>(
    () => mapOption({ map, figures, nameOf, shortNameOf, unit, decimals, suffix, t }),
    [map, figures, nameOf, shortNameOf, unit, decimals, suffix, t],
  );
  return (
    <>
      <EChart option={option} label={label} height={460} prepare={prepare} />
      <Note size="xs">{t('portal.map.note', { source: map.source })}</Note>
      <UnpublishedNote shown={unpublished} kind="hatched" />
    </>
  );
}

/** The map once its geometry is fetched (on first showing), with a note while it loads and the error if it fails. */
export function FetchedIndicatorMap(props: Omit<Props, 'map'>) {
  const { t } = useTranslation();
  const map = useRegionMap();
  return (
    <>
      <ErrorAlert error={map.error} />
      {map.data ? <IndicatorMap {...props} map={map.data} /> : !map.error && <Loading label={t('portal.map.loading')} />}
    </>
  );
}

interface OptionInput extends Pick<Props, 'map' | 'nameOf' | 'shortNameOf'> {
  figures: Figures;
  unit: string;
  decimals: number;
  suffix: ReturnType<typeof useFigureSuffix>;
  t: T;
}

/** The chart: each partner coloured by its figure and labelled with it, the neighbours in grey. */
function mapOption({ map, figures, nameOf, shortNameOf, unit, decimals, suffix, t }: OptionInput): ChartOption {
  const text = (v: number) => `${formatNumber(v, decimals)}${unit ? ` ${unit}` : ''}`;
  const data = map.features.map((f) => {
    const code = f.properties.code;
    if (!f.properties.partner) return contextItem(code);
    const figure = figures.get(code);
    const value = figure?.value ?? null;
    const marked = value !== null && isUnpublished(figure?.status);
    return {
      name: code,
      value: value ?? Number.NaN,
      label: {
        show: true,
        formatter: `${shortNameOf(code)}\n${value === null ? t('portal.map.noData') : `${text(value)}${marked ? suffix(figure) : ''}`}`,
      },
      ...partnerFill(value, marked),
    };
  });
  const values = [...figures.values()].map((f) => f.value).filter((v): v is number => v !== null);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  return {
    animation: false,
    tooltip: partnerTooltip(nameOf, (code, v) => `${text(v)}${suffix(figures.get(code))}`, t('portal.map.noData')),
    visualMap: values.length
      ? blueScale({
          min,
          max: max === min ? min + 1 : max,
          text: [formatNumber(max, decimals), formatNumber(min, decimals)],
          textStyle: { color: '#212529' },
        })
      : undefined,
    series: [
      regionSeries(
        // Dark text on a white box: readable on the lightest and the darkest blue alike.
        {
          show: true,
          fontSize: 11,
          fontWeight: 'bold',
          color: '#212529',
          backgroundColor: '#fff',
          padding: [2, 4],
          borderRadius: 2,
          lineHeight: 14,
          align: 'center',
        },
        data,
      ),
    ],
  };
}
