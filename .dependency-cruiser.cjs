/**
 * Stage boundaries, checked by `npm run lint` (dependency-cruiser) and by CI before the tests.
 * The table below is ARCHITECTURE.md's "may import" column: a stage imports only the stages it lists and the
 * shared vocabulary. Change both together, and never to let a stage reach back: move the shared piece down.
 */

/** Importable from anywhere: errors, request bodies, process helpers, histograms, the results contract. */
const SHARED = ['errors.ts', 'payload.ts', 'runtime', 'metrics', 'results'];

/** stage folder (under src/) -> the stages it may import besides SHARED. */
const STAGES = {
  scenario: [],
  plan: ['scenario'],
  targets: ['scenario', 'plan'],
  engine: [],
  store: ['scenario', 'plan'],
  run: ['scenario', 'plan', 'targets', 'engine', 'store'],
  baselines: ['scenario', 'plan', 'store'],
  analysis: ['scenario', 'plan', 'store', 'baselines'],
  report: ['scenario', 'plan', 'store', 'baselines', 'analysis'],
  k6: ['scenario', 'plan', 'store'],
  import: ['scenario', 'plan', 'store', 'k6'],
};

const escape = (name) => name.replace(/[.]/g, '\\.');
const folders = (names) => `^src/(${names.map(escape).join('|')})(/|$)`;

const stageRules = Object.entries(STAGES).map(([stage, allowed]) => ({
  name: `stage-order-${stage}`,
  comment: `src/${stage}/ may import only ${allowed.length > 0 ? allowed.join(', ') + ' and ' : ''}the shared vocabulary (ARCHITECTURE.md)`,
  severity: 'error',
  from: { path: `^src/${stage}/` },
  to: { path: '^src/', pathNot: [folders([stage, ...allowed, ...SHARED])] },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...stageRules,
    {
      name: 'shared-stays-shared',
      comment: 'errors.ts, payload.ts, runtime/, metrics/ and results/ are imported by every stage, so they import no stage',
      severity: 'error',
      from: { path: folders(SHARED) },
      to: { path: '^src/', pathNot: [folders(SHARED)] },
    },
    {
      name: 'shared-order',
      comment: 'metrics/ and runtime/ sit below results/: the results contract builds on histograms, not the other way round',
      severity: 'error',
      from: { path: folders(['runtime', 'metrics', 'errors.ts', 'payload.ts']) },
      to: { path: folders(['results']) },
    },
    {
      name: 'api-not-commands',
      comment: 'src/index.ts is the programmatic API; the CLI commands are built on it, not the other way round',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/cli/commands/' },
    },
    {
      name: 'mock-backend-standalone',
      comment: 'the mock backend is a standalone service: it imports only shared vocabulary from src/',
      severity: 'error',
      from: { path: '^mock-backend/' },
      to: { path: '^src/', pathNot: [folders(SHARED)] },
    },
    {
      name: 'no-folder-cycle',
      comment: 'folders depend one way; a cycle between two folders means a shared piece belongs lower down',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'nothing-imports-the-api',
      comment: 'src/index.ts is the top: stages import each other, never the API entry',
      severity: 'error',
      from: { path: '^(src|mock-backend)/' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'no module cycles',
      severity: 'error',
      from: { path: '^(src|mock-backend)/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that does not resolve is a typo or a missing dependency',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // mock-backend/ is cruised on its own (npm run lint), so the API's import of it closes no folder cycle.
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
