/** Below this, a measured window holds too few seconds for stable tail percentiles or fits. */
export const SHORT_WINDOW_MS = 5000;

/** A warning for a measured window under 5 s, or undefined. */
export function shortWindowWarning(durationMs: number): string | undefined {
  if (durationMs >= SHORT_WINDOW_MS) return undefined;
  return `the measured window is ${durationMs >= 1000 ? `${durationMs / 1000} s` : `${durationMs} ms`} (under ${SHORT_WINDOW_MS / 1000} s): its percentiles and fits are noisy; use a longer duration for figures you publish`;
}
