import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIO_DEFAULTS } from '../../src/scenario/defaults.js';

// docs/scenarios.md states each default; this keeps the table and the code in step.
const doc = readFileSync('docs/scenarios.md', 'utf8');
const row = (key: string): string => doc.split('\n').find((line) => line.startsWith(`| \`${key}\` |`)) ?? `(no row for ${key})`;
const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

describe('docs/scenarios.md defaults', () => {
  it('match SCENARIO_DEFAULTS', () => {
    const { timing, sweep, target, auth, capacity, slo } = SCENARIO_DEFAULTS;
    expect(row('errorRate')).toContain(`default \`${slo.errorPct}%\``);
    expect(row('warmup')).toContain(`\`${seconds(timing.warmupMs)}\``);
    expect(row('duration')).toContain(`\`${seconds(timing.durationMs)}\``);
    expect(row('pause')).toContain(`\`${seconds(timing.pauseMs)}\``);
    expect(row('timeout')).toContain(`\`${seconds(timing.timeoutMs)}\``);
    expect(row('rampUp')).toContain('`0s`');
    expect(row('thinkTime')).toContain('`0ms`');
    expect(row('prime')).toContain(`${timing.primeMaxMs.perPointFactor} x`);
    expect(row('prime')).toContain(`from \`${seconds(timing.primeMaxMs.minMs)}\` to \`${seconds(timing.primeMaxMs.maxMs)}\``);
    expect(doc).toContain(`| \`${SCENARIO_DEFAULTS.placement.started}\` (default for \`target: embedded\` and \`nginx\`) |`);
    expect(doc).toContain(`| \`${SCENARIO_DEFAULTS.placement.external}\` (default for \`target: external\`) |`);
    expect(row('backendSleeps')).toContain(`\`[${sweep.backendSleepsMs.join(', ')}ms]\``);
    expect(row('maxInFlight')).toContain(`\`${sweep.maxInFlight}\``);
    expect(row('repetitions')).toContain(`\`${sweep.repetitions}\``);
    expect(row('mediation')).toContain(`\`[${sweep.mediation.join(', ')}]\``);
    expect(row('routes.echo')).toContain(`\`${target.routes.echo}\``);
    expect(row('routes.mediation')).toContain(`\`${target.routes.mediation}\``);
    expect(row('start.readyTimeout')).toContain(`\`${seconds(target.startReadyTimeoutMs)}\``);
    expect(row('workers')).toContain(`\`${target.workers}\``);
    expect(row('capacity.headroom')).toContain(`\`${capacity.headroomPct}%\``);
    expect(doc).toContain(`\`refreshMargin\` (default \`${seconds(auth.refreshMarginMs)}\`)`);
  });
});
