import type { CapacityPlan } from '../../analysis/capacity/types.js';
import type { RegressionReport } from '../../analysis/regression/types.js';
import type { BaselineSet } from '../../analysis/types.js';
import type { ChartInput } from '../charts/series-data.js';
import type { ChartImage, Headline } from '../types.js';

/** Everything a section builder may read: the stored run, its analysis and what was derived from them. */
export interface ReportData extends ChartInput {
  /** The baseline sets the analysis compared with (their own rows are listed when nothing matched). */
  baselines: BaselineSet[];
  capacity: CapacityPlan[];
  capacityNote?: string;
  regression: RegressionReport | null;
  headline: Headline;
  charts: ChartImage[];
  gatebenchVersion: string;
  /** The font charts were drawn with; undefined means the host had none and chart text is missing. */
  chartFont?: string;
}

/** The ids of the charts whose id starts with a prefix, in render order. */
export function chartIds(data: ReportData, prefix: string): string[] {
  return data.charts.filter((chart) => chart.id.startsWith(prefix)).map((chart) => chart.id);
}
