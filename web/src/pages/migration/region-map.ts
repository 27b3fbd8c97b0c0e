// What the two maps of the region share (the migration dashboard's and an indicator's): the map's
// name, its colours, the items of the neighbours and of a partner without a figure or with an
// unpublished one, the series framed on the partners, and the blue scale. Kept apart from
// echarts-map.ts, which is loaded with the chart only.
import { useCallback } from 'react';
import { hatching } from '../statistics/FigureMarks';
import type { RegionMapData } from './model';

export const MAP_NAME = 'western-balkans';
const NO_DATA = '#dee2e6';
const CONTEXT = '#f1f3f5';

/** The map series and the geometry, added to ECharts before the chart draws (the EChart's `prepare`). */
export function useRegionPrepare(map: RegionMapData): () => Promise<void> {
  return useCallback(() => import('./echarts-map').then((m) => m.registerRegion(MAP_NAME, map)), [map]);
}

/** A neighbour, there for context only: light grey, no label, no tooltip, no highlight. */
export function contextItem(code: string) {
  return {
    name: code,
    value: Number.NaN,
    itemStyle: { areaColor: CONTEXT },
    label: { show: false },
    emphasis: { disabled: true },
    tooltip: { show: false },
  };
}

/** A partner's fill: grey without a figure, hatched with a dashed border when its figure is not yet published. */
export function partnerFill(value: number | null, marked: boolean) {
  return value === null
    ? { itemStyle: { areaColor: NO_DATA } }
    : marked
      ? { itemStyle: { decal: hatching('rgba(33, 37, 41, 0.45)'), borderColor: '#212529', borderWidth: 1.2, borderType: 'dashed' } }
      : {};
}

/** The blue scale, light to dark, in the lower left corner. */
export function blueScale(range: { min: number; max: number; text: [string, string]; textStyle?: { color: string } }) {
  return {
    type: 'continuous',
    left: 8,
    bottom: 8,
    seriesIndex: 0,
    calculable: false,
    ...range,
    inRange: { color: ['#cdd8f1', '#1c3f95'] },
  } as const;
}

/** The tooltip of a partner: its name, then its figure as `figure` writes it, or `noData` where it has none. */
export function partnerTooltip(nameOf: (code: string) => string, figure: (code: string, value: number) => string, noData: string) {
  return {
    trigger: 'item',
    renderMode: 'richText',
    formatter: (p: { name: string; value: number }) => `${nameOf(p.name)}: ${Number.isNaN(p.value) ? noData : figure(p.name, p.value)}`,
  } as const;
}

/** The map series with the given default label and items. */
export function regionSeries(label: Record<string, unknown>, data: unknown[]) {
  return {
    type: 'map',
    map: MAP_NAME,
    nameProperty: 'code',
    roam: false,
    // The partners in the middle; the neighbours around them for context.
    boundingCoords: [
      [14.8, 46.3],
      [23.4, 39.4],
    ],
    itemStyle: { areaColor: CONTEXT, borderColor: '#868e96', borderWidth: 0.6 },
    label,
    emphasis: { label: { show: true }, itemStyle: { areaColor: '#ffd43b' } },
    select: { disabled: true },
    data,
  } as const;
}
