// What the region map adds to the shared ECharts runtime: the map series, its colour scale, and
// the geometry, registered once (again only if another one comes).
import { MapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import { registerMap, use } from 'echarts/core';
import type { RegionMapData } from './model';

use([MapChart, VisualMapComponent]);

let registered: RegionMapData | null = null;

/** Registers the geometry under `name`, the map name of the chart's series. */
export function registerRegion(name: string, map: RegionMapData): void {
  if (registered === map) return;
  registerMap(name, map as unknown as Parameters<typeof registerMap>[1]);
  registered = map;
}
