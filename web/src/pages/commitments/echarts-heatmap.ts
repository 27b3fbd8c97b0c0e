// What the progress heat map adds to the shared ECharts runtime: the heat map series and its
// piecewise colour scale.
import { HeatmapChart } from 'echarts/charts';
import { VisualMapPiecewiseComponent } from 'echarts/components';
import { use } from 'echarts/core';

use([HeatmapChart, VisualMapPiecewiseComponent]);
