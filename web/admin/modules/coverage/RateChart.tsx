import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { BreakdownRow } from './api';
import { t } from '../../i18n';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const pct = (r: number | null) => (r === null ? null : Math.round(r * 10000) / 100);

/** 建会率 and 入会率 of each row, as bars in percent. */
export function RateChart({ rows }: { rows: BreakdownRow[] }) {
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
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 64 },
      xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, fontSize: 11 } },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        { name: t.coverage.unionizationRate, type: 'bar', data: rows.map((r) => pct(r.unionizationRate)), barMaxWidth: 24 },
        { name: t.coverage.membershipRate, type: 'bar', data: rows.map((r) => pct(r.membershipRate)), barMaxWidth: 24 },
      ],
    }, true);
  }, [rows]);

  return <div ref={el} style={{ width: '100%', height: 300 }} data-testid="coverage-chart" />;
}
