// An indicator on the map of the region for one period and breakdown: the six partners coloured by
// their figure (light to dark blue; grey without one), the neighbours in a lighter grey for context,
// each partner's label and figure on a white box so that it reads on any colour. A figure not yet
// published is hatched and its status named. The geometry is the app's own bundled file (Natural
// Earth, simplified), registered once with ECharts, as on the migration dashboard.
import { formatNumber } from '../../platform/format';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from '../statistics/EChart';
import { hatching, UnpublishedNote, useFigureSuffix } from '../statistics/FigureMarks';
import { isUnpublished } from '../statistics/figures';
import { type IndicatorAnswer } from '../statistics/IndicatorTable';
import type { RegionMapData } from '../migration/model';
import { Note } from './Notes';

const MAP_NAME = 'western-balkans';
const NO_DATA = '#dee2e6';
const CONTEXT = '#f1f3f5';

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
  const prepare = useCallback(() => import('../migration/echarts-map').then((m) => m.registerRegion(MAP_NAME, map)), [map]);
  const option = useMemo<ChartOption>(() => {
    const text = (v: number) => `${formatNumber(v, decimals)}${unit ? ` ${unit}` : ''}`;
    const data = map.features.map((f) => {
      const code = f.properties.code;
      if (!f.properties.partner)
        return {
          name: code,
          value: Number.NaN,
          itemStyle: { areaColor: CONTEXT },
          label: { show: false },
          emphasis: { disabled: true },
          tooltip: { show: false },
        };
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
        ...(value === null
          ? { itemStyle: { areaColor: NO_DATA } }
          : marked
            ? { itemStyle: { decal: hatching('rgba(33, 37, 41, 0.45)'), borderColor: '#212529', borderWidth: 1.2, borderType: 'dashed' } }
            : {}),
      };
    });
    const values = [...figures.values()].map((f) => f.value).filter((v): v is number => v !== null);
    const min = values.length ? Math.min(...values) : 0;
    const max = values.length ? Math.max(...values) : 1;
    return {
      animation: false,
      tooltip: {
        trigger: 'item',
        renderMode: 'richText',
        formatter: (p: { name: string; value: number }) =>
          `${nameOf(p.name)}: ${Number.isNaN(p.value) ? t('portal.map.noData') : `${text(p.value)}${suffix(figures.get(p.name))}`}`,
      },
      visualMap: values.length
        ? {
            type: 'continuous',
            left: 8,
            bottom: 8,
            seriesIndex: 0,
            calculable: false,
            min,
            max: max === min ? min + 1 : max,
            text: [formatNumber(max, decimals), formatNumber(min, decimals)],
            textStyle: { color: '#212529' },
            inRange: { color: ['#cdd8f1', '#1c3f95'] },
          }
        : undefined,
      series: [
        {
          type: 'map',
          map: MAP_NAME,
          nameProperty: 'code',
          roam: false,
          boundingCoords: [
            [14.8, 46.3],
            [23.4, 39.4],
          ],
          itemStyle: { areaColor: CONTEXT, borderColor: '#868e96', borderWidth: 0.6 },
          // Dark text on a white box: readable on the lightest and the darkest blue alike.
          label: {
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
          emphasis: { label: { show: true }, itemStyle: { areaColor: '#ffd43b' } },
          select: { disabled: true },
          data,
        },
      ],
    };
  }, [map, figures, nameOf, shortNameOf, unit, decimals, suffix, t]);
  return (
    <>
      <EChart option={option} label={label} height={460} prepare={prepare} />
      <Note size="xs">{t('portal.map.note', { source: map.source })}</Note>
      <UnpublishedNote shown={unpublished} kind="hatched" />
    </>
  );
}
