// A chart drawn by ECharts (modular import, canvas) into a div: created once, updated when the
// option changes, resized with the window, disposed on unmount. The container is labelled for
// screen readers; every chart has a table with the same figures next to it. Below: parts of the
// options the charts share.
import { Box } from '@mantine/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export function EChart({ option, label, height = 320 }: { option: ChartOption; label: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <Box ref={ref} role="img" aria-label={label} h={height} w="100%" data-chart="" />;
}

/**
 * The tooltip of a chart along a category axis: every series at the category pointed at, as rich
 * text (the HTML tooltip would write style attributes the CSP forbids); `shadow` shades the category (bars).
 */
export function axisTooltip(valueFormatter: (value: unknown) => string, shadow = false) {
  return { trigger: 'axis', ...(shadow ? { axisPointer: { type: 'shadow' } } : {}), renderMode: 'richText', valueFormatter };
}

/** Whether the screen is a phone's, where charts wrap their labels in narrower columns. */
export function useCompactChart(): boolean {
  return useMediaQuery('(max-width: 36em)') ?? false;
}

/**
 * The category axis of horizontal bars: the first category at the top (category axes run bottom-up),
 * the labels in a column of `widths.wide`, or on a phone wrapped in one of `widths.compact`.
 */
export function barCategoryAxis(labels: string[], compact: boolean, widths: { compact: number; wide: number }) {
  return {
    type: 'category',
    inverse: true,
    data: labels,
    axisLabel: compact
      ? { width: widths.compact, overflow: 'break', fontSize: 11, lineHeight: 14 }
      : { width: widths.wide, overflow: 'truncate' },
  };
}

/** A dashed vertical line across horizontal bars at a reference value, labelled at its start. */
export function referenceMarkLine(value: number, label: string, color: string) {
  return {
    symbol: 'none',
    silent: true,
    data: [{ xAxis: value, lineStyle: { color, type: 'dashed' }, label: { formatter: label, color, position: 'start' } }],
  };
}
