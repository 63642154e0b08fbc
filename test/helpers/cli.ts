// Runs the CLI from source (under tsx) so tests can spawn it as a child process without a build.
import { main } from '../../src/cli/main.js';

await main(process.argv);
