import { join } from 'node:path';

/** File names inside a run folder (see types.ts for what each holds). */
export const runFiles = (dir: string) => ({
  manifest: join(dir, 'manifest.json'),
  points: join(dir, 'points.jsonl'),
  histograms: join(dir, 'histograms'),
  summaryCsv: join(dir, 'summary.csv'),
});

export const histogramFile = (dir: string, pointId: string): string => join(dir, 'histograms', `${pointId}.hgrm`);
