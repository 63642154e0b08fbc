/**
 * How far to trust a run's headline: publishable, indicative or smoke test. Each rule looks at one thing a
 * reader would ask about (window length, repetitions, who saturated, shared host, how the capacity was found)
 * and caps the grade; the grade is the lowest cap. docs/reports.md lists the same rules.
 */
import type { StoredPoint, StoredRun } from '../../store/types.js';
import type { CapacityPlan } from '../capacity/types.js';
import type { RunAnalysis } from '../run-analysis/types.js';

export type TrustGrade = 'publishable' | 'indicative' | 'smoke test';

export interface TrustCheck {
  /** Stable name, e.g. `window`, `repetitions`. */
  id: string;
  /** The best grade this check allows. */
  allows: TrustGrade;
  /** What was found, in a few words for the trust line, e.g. `1 s windows`. */
  finding: string;
  /** Why it caps the grade (empty when it allows `publishable`). */
  reason: string;
}

export interface TrustAssessment {
  grade: TrustGrade;
  checks: TrustCheck[];
}

export interface TrustInput {
  run: StoredRun;
  analysis: RunAnalysis;
  /** The plan the headline gives (the scenario's mix); its series are the ones that matter most. */
  headline?: CapacityPlan;
}

const ORDER: TrustGrade[] = ['smoke test', 'indicative', 'publishable'];

/** Measured windows at least this long (and warm-up) count as publishable; WSO2 measures 600 s. */
export const PUBLISHABLE_WINDOW_MS = 60_000;
/** Shorter than this is a smoke test: slow effects (GC build-up, connection churn) cannot show. */
export const INDICATIVE_WINDOW_MS = 10_000;
export const PUBLISHABLE_REPETITIONS = 3;
/** A backend process at or above this CPU (100 = one core) per worker is taken as saturated. */
export const BACKEND_SATURATED_CPU_PCT = 90;

export function lowestGrade(grades: readonly TrustGrade[]): TrustGrade {
  return ORDER[Math.min(...grades.map((grade) => ORDER.indexOf(grade)), ORDER.length - 1)]!;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** The points behind the headline: its entries' series, or the whole run when there is no headline. */
function headlinePoints(input: TrustInput): StoredPoint[] {
  const plan = input.headline;
  if (plan === undefined) return input.run.points;
  return input.run.points.filter(({ point }) =>
    plan.request.mix.some((entry) => entry.api === point.api && entry.messageSizeBytes === point.messageSizeBytes && entry.backendSleepMs === point.backendSleepMs),
  );
}

function windowCheck(run: StoredRun): TrustCheck {
  const ms = run.manifest.scenario.timing.durationMs;
  const finding = `${seconds(ms)} windows`;
  if (ms >= PUBLISHABLE_WINDOW_MS) return { id: 'window', allows: 'publishable', finding, reason: '' };
  if (ms >= INDICATIVE_WINDOW_MS) return { id: 'window', allows: 'indicative', finding, reason: `windows shorter than ${seconds(PUBLISHABLE_WINDOW_MS)}` };
  return { id: 'window', allows: 'smoke test', finding, reason: `windows shorter than ${seconds(INDICATIVE_WINDOW_MS)}: slow effects cannot show` };
}

function repetitionsCheck(run: StoredRun): TrustCheck {
  const repetitions = run.manifest.scenario.sweep.repetitions;
  const finding = `${repetitions} repetition${repetitions === 1 ? '' : 's'}`;
  if (repetitions >= PUBLISHABLE_REPETITIONS) return { id: 'repetitions', allows: 'publishable', finding, reason: '' };
  return { id: 'repetitions', allows: 'indicative', finding, reason: `fewer than ${PUBLISHABLE_REPETITIONS} repetitions: no run-to-run spread` };
}

function generatorCheck(input: TrustInput): TrustCheck {
  const behind = headlinePoints(input).filter((stored) => stored.result.generator.saturated);
  const elsewhere = input.run.points.filter((stored) => stored.result.generator.saturated).length - behind.length;
  if (behind.length > 0) {
    return { id: 'generator', allows: 'smoke test', finding: `generator saturated at ${behind.length} headline point${behind.length === 1 ? '' : 's'}`, reason: 'the generator, not the gateway, limited figures the headline uses' };
  }
  if (elsewhere > 0) return { id: 'generator', allows: 'indicative', finding: `generator saturated at ${elsewhere} other point${elsewhere === 1 ? '' : 's'}`, reason: 'the generator limited part of the run' };
  if (input.run.manifest.source !== 'gatebench') return { id: 'generator', allows: 'indicative', finding: `generator health unknown (imported from ${input.run.manifest.source})`, reason: 'no generator health for imported results' };
  return { id: 'generator', allows: 'publishable', finding: 'generator not saturated', reason: '' };
}

function backendCheck(input: TrustInput): TrustCheck {
  const workers = input.run.manifest.scenario.backend.kind === 'embedded' ? Math.max(1, input.run.manifest.scenario.backend.workers) : 1;
  const hot = headlinePoints(input).filter((stored) =>
    stored.resources.some((usage) => usage.role === 'backend' && usage.cpuPct >= BACKEND_SATURATED_CPU_PCT * workers),
  );
  if (hot.length > 0) return { id: 'backend', allows: 'indicative', finding: `backend CPU saturated at ${hot.length} point${hot.length === 1 ? '' : 's'}`, reason: 'the backend may have limited the gateway' };
  const plan = input.headline;
  if (plan !== undefined) {
    const bound = plan.perEntry.filter((entry) =>
      input.analysis.points.some(
        (point) =>
          point.api === entry.entry.api &&
          point.messageSizeBytes === entry.entry.messageSizeBytes &&
          point.backendSleepMs === entry.entry.backendSleepMs &&
          point.concurrency === entry.concurrency &&
          point.limiting.kind === 'backend-bound',
      ),
    );
    if (bound.length > 0) {
      return { id: 'backend', allows: 'indicative', finding: `backend-bound (${bound.map((entry) => entry.entry.name).join(', ')})`, reason: "the backend's sleep, not the gateway, set the headline capacity" };
    }
  }
  return { id: 'backend', allows: 'publishable', finding: 'backend not saturated', reason: '' };
}

function hostCheck(run: StoredRun): TrustCheck {
  const scenario = run.manifest.scenario;
  const cores = run.manifest.host.cores;
  if (scenario.target.kind !== 'external') {
    const backend = scenario.backend.kind === 'embedded' ? ', gateway and backend' : ' and gateway';
    return { id: 'host', allows: 'indicative', finding: `generator${backend} on one ${cores}-core host`, reason: 'they compete for the same CPUs' };
  }
  return { id: 'host', allows: 'publishable', finding: 'gateway on its own host', reason: '' };
}

function capacityCheck(plan: CapacityPlan | undefined): TrustCheck | undefined {
  if (plan === undefined) return undefined;
  switch (plan.answer.kind) {
    case 'measured':
      return { id: 'capacity', allows: 'publishable', finding: 'capacity measured within the sweep', reason: '' };
    case 'usl-extrapolation':
      return { id: 'capacity', allows: 'indicative', finding: 'capacity extrapolated beyond the sweep (USL)', reason: 'an extrapolation, not a measurement' };
    case 'sweep-bounded':
      return { id: 'capacity', allows: 'indicative', finding: 'capacity bounded by the sweep', reason: 'the sweep stopped before the gateway did' };
  }
}

function completenessCheck(input: TrustInput): TrustCheck {
  const { manifest } = input.run;
  const littles = input.analysis.points.filter((point) => !point.littlesLaw.ok).length;
  if (manifest.status !== 'complete') return { id: 'run', allows: 'indicative', finding: `run ${manifest.status}`, reason: 'not every planned point was measured' };
  if (littles > 0) return { id: 'run', allows: 'indicative', finding: `${littles} point${littles === 1 ? '' : 's'} failed Little's law`, reason: 'offered and measured concurrency differ' };
  return { id: 'run', allows: 'publishable', finding: 'run complete', reason: '' };
}

export function assessTrust(input: TrustInput): TrustAssessment {
  const checks = [
    windowCheck(input.run),
    repetitionsCheck(input.run),
    generatorCheck(input),
    backendCheck(input),
    hostCheck(input.run),
    capacityCheck(input.headline),
    completenessCheck(input),
  ].filter((check): check is TrustCheck => check !== undefined);
  return { grade: lowestGrade(checks.map((check) => check.allows)), checks };
}

/** `Smoke test: 1 s windows, 1 repetition, ...`: every finding, the ones that lower the grade first. */
export function trustLine(assessment: TrustAssessment): string {
  const lowering = assessment.checks.filter((check) => check.allows !== 'publishable');
  const fine = assessment.checks.filter((check) => check.allows === 'publishable');
  const grade = assessment.grade[0]!.toUpperCase() + assessment.grade.slice(1);
  return `${grade}: ${[...lowering, ...fine].map((check) => check.finding).join(', ')}`;
}
