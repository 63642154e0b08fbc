import type { Command } from 'commander';

// Placeholder until the `compare` command lands; it registers nothing yet.
export function register(_program: Command): void {}
