import type { ChartConfiguration, ChartDataset, Plugin } from 'chart.js';
import { COMPACT_LEGEND_LABELS } from './canvas-chart.js';

/** One builder for every line chart, so titles, legends and axes look the same across the report. */

export type XY = { x: number; y: number };
export type LineDataset = ChartDataset<'line', XY[]>;

/** chart.js scale options are a deep union; callers pass plain objects (type, title, ticks, min/max). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Scale = Record<string, any>;

export interface LineChartSpec {
  datasets: LineDataset[];
  title: string;
  subtitle?: string;
  /** Default 17 (main charts); small grid cells pass 12-13. Legends default to the bottom (long baseline labels fit). */
  titleSizePx?: number;
  legend?: { position?: 'right' | 'bottom'; labels?: Record<string, unknown> };
  scales: Record<string, Scale>;
  plugins?: Plugin[];
  /** Base font size for small grid cells. */
  fontSizePx?: number;
}

export function lineChart(spec: LineChartSpec): ChartConfiguration {
  const config: ChartConfiguration<'line', XY[]> = {
    type: 'line',
    data: { datasets: spec.datasets },
    options: {
      parsing: false,
      ...(spec.fontSizePx === undefined ? {} : { font: { size: spec.fontSizePx } }),
      plugins: {
        title: { display: true, text: spec.title, font: { size: spec.titleSizePx ?? 17 } },
        subtitle: { display: spec.subtitle !== undefined, text: spec.subtitle ?? '' },
        legend: { position: spec.legend?.position ?? 'bottom', labels: { ...COMPACT_LEGEND_LABELS, ...spec.legend?.labels } },
      },
      scales: spec.scales,
    },
    plugins: spec.plugins ?? [],
  };
  return config as unknown as ChartConfiguration;
}

/** An axis title; `sizePx` for small grid cells. */
export function axisTitle(text: string, sizePx?: number): { display: true; text: string; font?: { size: number } } {
  return sizePx === undefined ? { display: true, text } : { display: true, text, font: { size: sizePx } };
}
