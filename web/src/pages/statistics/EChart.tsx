// A chart drawn by ECharts (modular import, canvas) into a div: created once, updated when the
// option changes, resized with the window, disposed on unmount. ECharts itself is loaded on demand
// (echarts-runtime.ts, a chunk of its own, fetched once by the first chart of a visit), so that the
// page around a chart, its text and its tables, shows without waiting for it; the box keeps its
// height meanwhile. The container is labelled for screen readers; every chart has a table with the
// same figures next to it. Below: parts of the options the charts share.
import { Box } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef } from 'react';

export type ChartOption = EChartsCoreOption;

type Runtime = typeof import('./echarts-runtime');
let runtime: Promise<Runtime> | null = null;

/** The shared ECharts runtime, loaded once; a failed load is tried again by the next chart. */
function loadRuntime(): Promise<Runtime> {
  runtime ??= import('./echarts-runtime').catch((err: unknown) => {
    runtime = null;
    throw err;
  });
  return runtime;
}

interface Props {
  option: ChartOption;
  label: string;
  height?: number;
  /**
   * What the chart needs besides the shared runtime (the modules of its series, a map's geometry),
   * awaited before every new option; a stable function (module level or memoised).
   */
  prepare?: () => Promise<unknown>;
}

export function EChart({ option, label, height = 320, prepare }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<Runtime['init']> | null>(null);

  useEffect(() => {
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    let current = true;
    // Created once the runtime and what the chart needs are there (an instance takes the modules
    // registered when it is created); the latest option wins. Without the runtime (the connection
    // dropped) the box stays empty: the table next to it has the same figures.
    Promise.all([loadRuntime(), prepare?.()]).then(
      ([{ init }]) => {
        if (!current || !ref.current) return;
        chart.current ??= init(ref.current, undefined, { renderer: 'canvas' });
        chart.current.setOption(option, { notMerge: true });
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [option, prepare]);

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
 * the labels wrapped (never cut) in a column of `widths.wide`, or on a phone in a narrower one of `widths.compact`.
 */
export function barCategoryAxis(labels: string[], compact: boolean, widths: { compact: number; wide: number }) {
  return {
    type: 'category',
    inverse: true,
    data: labels,
    axisLabel: compact
      ? { width: widths.compact, overflow: 'break', fontSize: 11, lineHeight: 14 }
      : { width: widths.wide, overflow: 'break', lineHeight: 15 },
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
