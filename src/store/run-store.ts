import { mkdir, open, rename, truncate, writeFile } from 'node:fs/promises';
import { GatebenchError } from '../errors.js';
import { decodeHistogram, percentileDistributionText } from '../metrics/histogram.js';
import { histogramFile, runFiles } from './layout.js';
import { readManifest, readPointsFile, type ReadRunOptions } from './read-run.js';
import { writeSummaryCsv } from './summary-csv.js';
import type { ResultStore, RunManifest, StoredPoint, StoredRun } from './types.js';

/** The run folder's writer. Every append is durable (fsync'ed) before its promise resolves. */
export interface RunStore extends ResultStore {
  readonly dir: string;
  /** The manifest as last written. */
  manifest(): RunManifest;
  /** Points already stored (on --resume, those from the earlier session first). */
  points(): readonly StoredPoint[];
}

/** Starts a new run in `dir` (created if missing; refused if it already holds a run). */
export async function createRunStore(dir: string, manifest: RunManifest): Promise<RunStore> {
  const files = runFiles(dir);
  await mkdir(files.histograms, { recursive: true });
  const handle = await open(files.points, 'wx').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST') {
      throw new GatebenchError('GB_INPUT_INVALID', `${dir} already holds a run (points.jsonl exists)`, { hint: `continue it with --resume ${dir}, or choose another --out` });
    }
    throw error;
  });
  await handle.sync();
  await handle.close();
  const store = new JsonlRunStore(dir, manifest, []);
  await store.updateManifest({});
  await writeSummaryCsv(files.summaryCsv, []);
  return store;
}

/** Reopens a run for --resume: keeps its points, cuts off a torn last line so new lines append cleanly. */
export async function openRunStore(dir: string, options: ReadRunOptions = {}): Promise<RunStore> {
  const manifest = await readManifest(dir);
  const parsed = await readPointsFile(dir, options);
  const files = runFiles(dir);
  if (parsed.tornLine !== undefined) await truncate(files.points, parsed.intactBytes);
  if (parsed.missingFinalNewline) await appendDurably(files.points, '\n');
  await mkdir(files.histograms, { recursive: true });
  return new JsonlRunStore(dir, manifest, parsed.points);
}

class JsonlRunStore implements RunStore {
  readonly dir: string;
  #manifest: RunManifest;
  readonly #points: StoredPoint[];
  /** Writes are chained so two appends never interleave in the file. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(dir: string, manifest: RunManifest, points: StoredPoint[]) {
    this.dir = dir;
    this.#manifest = manifest;
    this.#points = points;
  }

  manifest(): RunManifest {
    return this.#manifest;
  }

  points(): readonly StoredPoint[] {
    return this.#points;
  }

  appendPoint(point: StoredPoint): Promise<void> {
    return this.#enqueue(async () => {
      const files = runFiles(this.dir);
      // points.jsonl is the record; the histogram text and the CSV are derived views written after it.
      await appendDurably(files.points, `${JSON.stringify(point)}\n`);
      this.#points.push(point);
      const histogram = decodeHistogram(point.result.histograms.latencyUs);
      await writeFile(histogramFile(this.dir, point.point.pointId), percentileDistributionText(histogram));
      await writeSummaryCsv(files.summaryCsv, this.#points, this.#manifest.placement);
    });
  }

  updateManifest(patch: Partial<RunManifest>): Promise<void> {
    return this.#enqueue(async () => {
      this.#manifest = { ...this.#manifest, ...patch };
      const file = runFiles(this.dir).manifest;
      const temporary = `${file}.tmp`;
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(`${JSON.stringify(this.#manifest, null, 2)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
    });
  }

  async readRun(): Promise<StoredRun> {
    await this.#queue;
    return { dir: this.dir, manifest: this.#manifest, points: [...this.#points] };
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(task);
    // Keep the chain alive after a failure; the caller still sees the rejection.
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

async function appendDurably(file: string, text: string): Promise<void> {
  const handle = await open(file, 'a');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
