import type { CpuPlacement } from './types.js';

/** One line for people: `gateway on CPU 1, backend on CPU 0, generator on CPU 0 (auto, of CPUs 0-1)`. */
export function describePlacement(placement: CpuPlacement | undefined): string {
  if (placement === undefined) return 'not recorded (a run from before placement existed)';
  if (placement.mode === 'off') return placement.note ?? `not pinned (CPUs ${placement.hostCpus})`;
  const parts = (['gateway', 'backend', 'generator'] as const).filter((role) => placement[role] !== undefined).map((role) => `${role} on CPU ${placement[role]}`);
  return `${parts.join(', ')} (${placement.mode}, of CPUs ${placement.hostCpus})`;
}

/** The summary.csv cell: `gateway 1; backend 0; generator 0`, `off`, or empty when not recorded. */
export function placementCell(placement: CpuPlacement | undefined): string {
  if (placement === undefined) return '';
  if (placement.mode === 'off') return 'off';
  return (['gateway', 'backend', 'generator'] as const)
    .filter((role) => placement[role] !== undefined)
    .map((role) => `${role} ${placement[role]}`)
    .join('; ');
}
