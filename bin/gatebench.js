#!/usr/bin/env node
// The published entry runs the compiled CLI; `npm install` builds it through the `prepare` script.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  console.error('gatebench: dist/ is missing. Run `npm install` (or `npm run build`) in the gatebench folder first.');
  process.exit(2);
}
const { main } = await import(compiled.href);
await main(process.argv);
