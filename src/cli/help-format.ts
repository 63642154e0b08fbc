import type { Command } from 'commander';

/**
 * One look for every help page: required options marked, defaults written `(default: X)` (commander's own,
 * without quotes, and the ones in descriptions), and one or two examples at the end. Also makes every command
 * throw instead of exiting (main.ts decides exit codes) and answer a flag mistake with one line of hint.
 */
export function polishHelp(command: Command, path = command.name()): void {
  command.showHelpAfterError(`(see: ${path} --help)`).exitOverride();
  for (const option of command.options) {
    if (option.mandatory && !option.description.startsWith('(required)')) option.description = `(required) ${option.description}`;
    option.description = option.description.replace(/\(default ([^:)][^)]*)\)/g, '(default: $1)');
    const value: unknown = option.defaultValue;
    if (value !== undefined && option.defaultValueDescription === undefined && typeof value !== 'boolean') option.defaultValueDescription = String(value);
  }
  const examples = EXAMPLES[path];
  if (examples !== undefined) command.addHelpText('after', `\nExamples:\n${examples.map((line) => `  $ ${line}`).join('\n')}`);
  for (const sub of command.commands) polishHelp(sub, `${path} ${sub.name()}`);
}

/** One or two examples per command, loopback only. */
export const EXAMPLES: Record<string, string[]> = {
  'gatebench run': ['gatebench run scenarios/quick.yaml', 'gatebench run scenarios/quick.yaml --only api=echo,size=1KiB --dry-run'],
  'gatebench load': ['gatebench load http://127.0.0.1:8688/ -c 50 -d 10s', 'gatebench load http://127.0.0.1:8688/ --rate 2000 -d 30s --json'],
  'gatebench backend': ['gatebench backend --port 8688 --admin-port 8689 --sleep-ms 30'],
  'gatebench gateway': ['gatebench gateway --backend http://127.0.0.1:8688 --port 8280'],
  'gatebench analyze': ['gatebench analyze results/examples/quick-2core-vm --slo-p99 200ms'],
  'gatebench fit usl': ['gatebench fit usl points.csv', 'gatebench fit usl points.csv --json'],
  'gatebench plan': ['gatebench plan results/examples/quick-2core-vm --rate 5000 --size 1KiB --sleep 30ms --slo-p99 200ms'],
  'gatebench compare': ['gatebench compare results/<baseline-run> results/<candidate-run>', 'gatebench compare base cand --max-throughput-drop 5% --junit junit.xml'],
  'gatebench report': ['gatebench report results/examples/quick-2core-vm', 'gatebench report results/<run-id> --compare results/<earlier-run>'],
  'gatebench import k6': ['gatebench import k6 runner-*.json k6/gatebench-plan.json --out results/dist-run'],
  'gatebench import jmeter': ['gatebench import jmeter results.jtl --out results/wso2 --warmup 5m'],
  'gatebench k6 export': ['gatebench k6 export scenarios/quick.yaml --out k6/'],
  'gatebench k6 run': ['gatebench k6 run scenarios/ci-regression.yaml'],
  'gatebench k6 operator': ['gatebench k6 operator scenarios/quick.yaml --parallelism 4 --out k8s/'],
};
