/**
 * The boundaries of the layout (docs/architecture.md), checked by `npm run check:boundaries`.
 * A rule here is a sentence of that page: change both together.
 */

/** The files that wire the features together: the composition root. */
const compositionRoot = [
  '^src/platform/services\\.ts$',
  '^src/platform/server\\.ts$',
  '^src/platform/web/app\\.ts$',
  '^src/platform/web/api/routes\\.ts$',
  // The API's request bodies and its OpenAPI document: the union of the features' operations.
  '^src/platform/web/api/schemas\\.ts$',
  '^src/platform/web/api/openapi\\.ts$',
];

/* global module */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'An import cycle makes two modules one: split what both need into a third.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      comment: 'The domain imports only the domain and pure packages: no platform, feature, CLI or demo code.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'domain-does-no-io',
      comment: 'The domain does no I/O: no Node built-ins (files, network, processes, clock sources).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-only-pure-packages',
      comment: 'Packages the domain may use: parsers, validation and statistics, nothing that reaches out.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: '^node_modules/(zod|jsonc-parser|csv-parse|jstat)/',
      },
    },
    {
      name: 'policy-is-below-features',
      comment: 'The access policy is used by every feature and uses none.',
      severity: 'error',
      from: { path: '^src/policy/' },
      to: { path: '^src/(features|cli|demo)/' },
    },
    {
      name: 'feature-through-its-index',
      comment: "A feature uses another feature only through that feature's index.ts.",
      severity: 'error',
      from: { path: '^src/features/([^/]+)/', pathNot: '/tables\\.ts$' },
      to: { path: '^src/features/([^/]+)/', pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$'] },
    },
    {
      name: 'tables-reference-tables',
      comment: "A feature's tables.ts may reference another feature's tables (foreign keys) and nothing else of it.",
      severity: 'error',
      from: { path: '^src/features/([^/]+)/tables\\.ts$' },
      to: { path: '^src/features/([^/]+)/', pathNot: ['^src/features/$1/', '^src/features/[^/]+/tables\\.ts$'] },
    },
    {
      name: 'index-does-not-export-tables',
      comment: "A feature's index.ts offers operations, never its tables: other features may not query them.",
      severity: 'error',
      from: { path: '^src/features/[^/]+/index\\.ts$' },
      to: { path: '^src/features/[^/]+/tables\\.ts$' },
    },
    {
      name: 'cli-uses-feature-indexes',
      comment: 'The command line uses features through their index.ts, never their tables or inner files.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/features/[^/]+/', pathNot: '^src/features/[^/]+/index\\.ts$' },
    },
    {
      name: 'cli-no-tables',
      comment: 'The command line reads and writes through services, not tables.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/platform/db/core-tables\\.ts$' },
    },
    {
      name: 'platform-below-features',
      comment: 'The platform is built once and knows no feature, but for the composition root that wires them.',
      severity: 'error',
      from: { path: '^src/platform/', pathNot: compositionRoot },
      to: { path: '^src/(features|cli|demo)/' },
    },
    {
      name: 'no-test-code-in-src',
      comment: 'The application does not import tests or benchmarks.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
