/**
 * Schema versions of every file and record gatebench writes. A renamed, removed or re-defined field bumps the
 * version of its file; adding an optional field does not. Readers check the version at the door
 * (`src/results/read-json.ts`), so a file from another version fails there, naming the file, not deep inside analysis.
 */
export const SCHEMA_VERSIONS = {
  /** PointResult (docs/point-result.md): one point's figures, from any driver or importer.
   * 2: throughputRps is goodput (successful responses/s) and `rates` holds attempts, responses and successful
   * per second; version 1 records are upgraded when read (upgrade-point-result.ts). */
  pointResult: 2,
  /** One line of points.jsonl (StoredPoint). */
  storedPoint: 1,
  /** manifest.json of a run folder. */
  manifest: 1,
  /** `gatebench analyze --json` and the report's analysis.json. */
  analysis: 1,
  /** `gatebench plan --json` / capacity.json. */
  capacity: 1,
  /** `gatebench compare --json` / regression.json. */
  regression: 1,
  /** gatebench-plan.json written by `gatebench k6 export` (and embedded in the k6 summary). */
  k6Plan: 1,
  /** `gatebench fit usl --json`. */
  uslFit: 1,
} as const;
