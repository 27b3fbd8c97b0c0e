// The part of ECharts every chart needs (the core, bars, lines, axes, legend, tooltips, marks, the
// canvas renderer), module by module. Loaded by EChart on demand, so that a page's text and tables
// never wait for it; charts of other kinds add their modules (echarts-map.ts).
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export { init };
