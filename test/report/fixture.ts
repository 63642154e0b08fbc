import { join } from 'node:path';

/** The committed synthetic run (see test/fixtures/run-small/generate.ts) and the shipped WSO2 4.6.0 figures. */
export const FIXTURE_DIR = join(import.meta.dirname, '..', 'fixtures', 'run-small');
export const WSO2_460_BASELINE = join(import.meta.dirname, '..', '..', 'data', 'baselines', 'wso2-apim-4.6.0_c5.large_2G.csv');
