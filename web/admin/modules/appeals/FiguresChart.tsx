import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { FigureRow } from './api';
import { t } from '../../i18n';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Tickets and workers per row (township, subject…), as bars. */
export function FiguresChart({ rows, testId }: { rows: FigureRow[]; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    const onResize = () => c.resize();
    window.addEventListener('resize', onResize);
    return () => { window.removeEventListener('resize', onResize); c.dispose(); chart.current = null; };
  }, []);
  useEffect(() => {
    chart.current?.setOption({
      color: ['#c8161d', '#e8a33d'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 64 },
      xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, fontSize: 11 } },
      yAxis: [{ type: 'value', name: t.appeals.count }, { type: 'value', name: t.appeals.workers }],
      series: [
        { name: t.appeals.count, type: 'bar', data: rows.map((r) => r.count), barMaxWidth: 24 },
        { name: t.appeals.workers, type: 'bar', yAxisIndex: 1, data: rows.map((r) => r.workers), barMaxWidth: 24 },
      ],
    }, true);
  }, [rows]);
  return <div ref={el} style={{ width: '100%', height: 300 }} data-testid={testId} />;
}
