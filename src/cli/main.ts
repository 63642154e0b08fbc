import { Command, CommanderError } from 'commander';
import { EXIT_CODES, GatebenchError } from '../errors.js';
import { gatebenchVersion } from '../runtime/version.js';
import { polishHelp } from './help-format.js';
import * as backendCommand from './commands/backend.js';
import * as loadCommand from './commands/load.js';
import * as gatewayCommand from './commands/gateway.js';
import * as runCommand from './commands/run.js';
import * as analyzeCommand from './commands/analyze.js';
import * as fitCommand from './commands/fit.js';
import * as planCommand from './commands/plan.js';
import * as compareCommand from './commands/compare.js';
import * as reportCommand from './commands/report.js';
import * as k6Command from './commands/k6.js';
import * as importCommand from './commands/import.js';

/** Each command module registers itself; this file only wires them and maps errors to exit codes. */
const commands: Array<{ register(program: Command): void }> = [
  runCommand,
  loadCommand,
  backendCommand,
  gatewayCommand,
  analyzeCommand,
  fitCommand,
  planCommand,
  compareCommand,
  reportCommand,
  importCommand,
  k6Command,
];

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('gatebench')
    .description('Load-testing and capacity-benchmark harness for API gateways')
    .version(gatebenchVersion());
  for (const command of commands) command.register(program);
  polishHelp(program);
  return program;
}


export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}

function exitCodeFor(error: unknown): number {
  // Commander has printed its message already; --help and --version end with 0, every flag mistake is bad input.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.badInput;
  if (error instanceof GatebenchError) {
    console.error(`gatebench: ${error.message}`);
    if (error.hint) console.error(`hint: ${error.hint}`);
    return error.exitCode;
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return EXIT_CODES.gatebenchFailed;
}
