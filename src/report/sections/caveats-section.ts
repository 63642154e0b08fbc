import type { Section } from '../types.js';
import { sharesHost } from './baseline-section.js';
import { plural } from './format.js';
import type { ReportData } from './report-data.js';

/** WSO2's measured window, for the "short run" caveat. */
const WSO2_MEASURED_MS = 600_000;

/** What could make these numbers mislead, detected from the manifest, the points and the analysis. */
export function caveats(data: ReportData): string[] {
  const { run, analysis } = data;
  const manifest = run.manifest;
  const scenario = manifest.scenario;
  const items: string[] = [];
  if (sharesHost(data)) {
    items.push(
      `The load generator, the gateway (${scenario.target.kind}) and the mock backend all ran on this one host (${manifest.host.cores} cores): ` +
        'they compete for CPU, memory bandwidth and the loopback stack, so the gateway figures are lower than it would reach alone, and the limit may be the generator or the backend.',
    );
  } else if (scenario.backend.kind === 'embedded') {
    items.push('The load generator and the mock backend shared this host; the gateway ran elsewhere.');
  }
  const saturated = run.points.filter((p) => p.result.generator.saturated);
  if (saturated.length > 0) {
    const reasons = [...new Set(saturated.flatMap((p) => p.result.generator.saturationReasons))];
    items.push(
      `The load generator was saturated at ${plural(saturated.length, 'point')} (${saturated.map((p) => p.point.pointId).join(', ')}): ` +
        `their throughput measures the generator, not the gateway${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}.`,
    );
  }
  const notFitted = analysis.series.filter((s) => s.usl.status === 'notFitted');
  if (notFitted.length > 0) {
    const why = notFitted.map((s) => `${s.seriesKey} (${s.usl.status === 'notFitted' ? s.usl.reason : ''})`);
    items.push(`No USL fit for ${notFitted.length} series (too few points or a poor fit, so no peak or knee is extrapolated): ${why.join('; ')}.`);
  }
  // Saturated points are named above; other exclusions (error rate, no requests) are named here.
  for (const excluded of analysis.excluded.filter((item) => item.kinds.some((kind) => kind !== 'generator-saturated'))) {
    items.push(`${excluded.pointId} was left out of the fits: ${excluded.reasons.join('; ')}.`);
  }
  if (scenario.timing.durationMs < WSO2_MEASURED_MS) {
    items.push(`Each point was measured for ${scenario.timing.durationMs / 1000} s (WSO2 measured 600 s after a 300 s warm-up): slow effects such as GC build-up or connection churn may not show.`);
  }
  if (scenario.sweep.repetitions < 2) items.push('Each point was measured once: the report cannot show run-to-run spread, and intervals come from resampling the points of this one run.');
  if (manifest.source !== 'gatebench') items.push(`These results were imported (${manifest.source}); generator health and per-second timelines may be missing.`);
  if (data.chartFont === undefined) items.push('No font was found on the host that rendered the charts, so chart text (titles, axes, legends) is missing; install fonts-dejavu-core.');
  // The analysis's own run-level notes: interrupted runs, Little's-law failures, exclusions.
  items.push(...analysis.notes);
  return items;
}

export function caveatsSection(data: ReportData): Section {
  const items = caveats(data);
  return {
    id: 'caveats',
    title: 'Caveats',
    blocks: [items.length === 0 ? { kind: 'paragraph', text: 'None detected.' } : { kind: 'list', items }],
  };
}
