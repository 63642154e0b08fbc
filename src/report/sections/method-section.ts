import { formatSize } from '../../scenario/units.js';
import { requestMethod, sizeNoun } from '../../scenario/request-method.js';
import { describePlacement } from '../../store/placement-text.js';
import type { RunManifest } from '../../store/types.js';
import type { Block, Section } from '../types.js';
import { formatBytes } from './format.js';
import type { ReportData } from './report-data.js';
import { sloDescription } from './summary-section.js';

const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

/** How the numbers were made: scenario, sweep, durations, warm-up, tools and versions, host, analysis settings. */
export function methodSection(data: ReportData): Section {
  const manifest = data.run.manifest;
  const scenario = manifest.scenario;
  const sweep = scenario.sweep;
  const timing = scenario.timing;
  const host = manifest.host;
  const drivers = [...new Set(data.run.points.map((p) => `${p.result.driver.name} ${p.result.driver.version}`))];
  const workers = [...new Set(data.run.points.map((p) => p.result.generator.workers))];
  const levels = sweep.levels.model === 'closed' ? `closed model, ${sweep.levels.concurrency.join(', ')} users` : `open model, ${sweep.levels.ratesRps.join(', ')} req/s (at most ${sweep.levels.maxInFlight} in flight)`;
  const settings = data.analysis.settings;
  const blocks: Block[] = [
    {
      kind: 'facts',
      items: [
        { label: 'Scenario', value: `${scenario.name}${scenario.description ? `: ${scenario.description}` : ''}${scenario.sourceFile ? ` (${scenario.sourceFile})` : ''}, hash ${manifest.scenarioHash}` },
        { label: 'Sweep', value: `${sweep.apis.join(' and ')} APIs; ${requestMethod(scenario)} requests; ${sizeNoun(scenario)}s ${sweep.messageSizesBytes.map(formatSize).join(', ')}; backend sleeps ${sweep.backendSleepsMs.join(', ')} ms; ${levels}; ${sweep.repetitions} repetition${sweep.repetitions === 1 ? '' : 's'}; order ${sweep.order.kind === 'shuffled' ? `shuffled (seed ${sweep.order.seed})` : 'as written'}` },
        { label: 'Durations', value: `warm-up ${seconds(timing.warmupMs)} (measured, kept out of every figure), measured window ${seconds(timing.durationMs)}, pause between points ${seconds(timing.pauseMs)}, ramp-up ${seconds(timing.rampUpMs)}, think time ${timing.thinkTimeMs} ms, request timeout ${seconds(timing.timeoutMs)}` },
        { label: 'Gateway', value: manifest.targetDescription },
        { label: 'Backend', value: manifest.backendDescription },
        { label: 'Load generator', value: `${drivers.join(', ') || 'none recorded'}; ${workers.join('/') || '?'} worker thread(s); results from ${manifest.source}` },
        { label: 'Latency', value: 'HDR histograms per point (µs, 3 significant digits); percentiles come from the histograms, never from averages. Open model: measured from the intended send time (coordinated omission corrected).' },
        { label: 'SLO', value: sloDescription(data) ?? 'none set' },
        {
          label: 'Baselines',
          value:
            data.analysis.comparisons.length === 0
              ? 'none (pass --baseline with a data/baselines/*.csv, a WSO2 summary.csv or a run folder to set this run beside it)'
              : data.analysis.comparisons.map((comparison) => comparison.baselineLabel).join('; '),
        },
        { label: 'Warm start', value: primingText(manifest) },
        { label: 'CPU placement', value: describePlacement(manifest.placement) },
        { label: 'Reproducibility', value: data.analysis.reproducibility?.summary.join('; ') ?? 'not assessed (analysis from an older gatebench)' },
        { label: 'Host', value: `${host.hostname}: ${host.cpuModel}, ${host.cores} cores, ${formatBytes(host.memoryBytes)}, ${host.os}, Node.js ${host.nodeVersion}` },
        { label: 'gatebench', value: `${manifest.gatebench.version}${manifest.gatebench.gitCommit ? ` (commit ${manifest.gatebench.gitCommit.slice(0, 12)})` : ''}; report by gatebench ${data.gatebenchVersion}` },
        { label: 'Run', value: `${manifest.runId}: ${manifest.startedAt} to ${manifest.endedAt ?? '(not ended)'}, status ${manifest.status}` },
        {
          label: 'Analysis',
          value:
            `USL fits by least squares with ${settings.resamples}-resample bootstrap intervals (seed ${settings.seed}); fits below R² ${settings.minR2} or with fewer than ` +
            `${settings.minDistinctConcurrency} load levels are refused; points over ${settings.maxErrorPct} % errors or with a saturated generator are left out of fits; ` +
            `throughput ≥ ${Math.round(settings.backendBoundFraction * 100)} % of the backend's ceiling counts as backend-bound.`,
        },
      ],
    },
    { kind: 'paragraph', text: `Everything in this report is re-rendered from the run folder alone (manifest.json and points.jsonl): gatebench report ${data.run.dir}` },
  ];
  return { id: 'method', title: 'Method', blocks };
}

function primingText(manifest: RunManifest): string {
  const priming = manifest.priming;
  if (priming === undefined) return manifest.scenario.timing.primeMaxMs === 0 ? 'off' : 'not recorded';
  const judged = priming.routes.filter((route) => route.untilSteady);
  const steady = judged.filter((route) => route.steady).length;
  return (
    `${priming.routes.length} route(s) loaded at the highest level for ${priming.durationS.toFixed(1)} s before the first point (at most ${priming.maxS} s), ` +
    `steady on ${steady} of ${judged.length} API(s); kept out of every figure` + (priming.notes.length > 0 ? `. ${priming.notes.join('; ')}` : '')
  );
}
