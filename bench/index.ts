/**
 * `npm run bench`: speed measured against peers in the same run (never in tests).
 * Each section prints its figures with the command that produced them.
 */
import { runBackendBench } from './backend.js';
import { runEngineBench } from './engine.js';

const sections: Array<[string, () => Promise<void>]> = [
  ['mock backend vs nginx (wrk)', runBackendBench],
  ['load engine vs wrk and autocannon', runEngineBench],
];

const only = process.argv[2];
for (const [title, run] of sections) {
  if (only !== undefined && !title.includes(only)) continue;
  console.log(`\n== ${title} ==`);
  await run();
}
