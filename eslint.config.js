import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Imports a folder may not make, so the dependency direction of DESIGN.md §3 holds. */
const forbid = (groups, message, allowTypeImports = false) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: groups, message, allowTypeImports }] }],
});

/** What callers of a workflow may import: its contract (workflows/contracts/), never the workflow code. */
const WORKFLOW_IMPLEMENTATIONS = ['**/workflows/*', '!**/workflows/contracts'];
const CONTRACTS_ONLY = "Outside workflows/, import a workflow's contract (workflows/contracts/<workflow>.js), not its implementation.";

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'web/dist/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['eslint.config.js', 'temporal/failure-converter.js'], ...tseslint.configs.disableTypeChecked },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no I/O, no Node, no config.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflows are deterministic: no Node built-ins.' })),
          patterns: [
            {
              group: [
                '**/db/**',
                '**/api/**',
                '**/distributors/**',
                '**/marketplaces/**',
                '**/notifications/**',
                '**/runtime/**',
                '**/security/**',
                '**/temporal/**',
                '**/config.js',
                '@temporalio/activity',
                '@temporalio/client',
                '@temporalio/worker',
                'postgres',
                'drizzle-orm*',
                'fastify*',
              ],
              message: 'Workflows may import only @temporalio/workflow, @temporalio/common, domain/ and activity types.',
            },
            { group: ['**/activities/**'], message: 'Workflows import activity types only (import type).', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ['domain/**/*.ts'],
    ignores: ['domain/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Domain logic is pure: no Node built-ins.' })),
          patterns: [
            { group: ['@temporalio/*', 'postgres', 'drizzle-orm*', 'fastify*'], message: 'Domain logic imports nothing of ours outside domain/.' },
            // The ways out: the distributors' and marketplaces' profiles, pure data kept pure by the blocks below.
            {
              regex: '^\\.\\./(?!domain/|distributors/profiles\\.js$|marketplaces/profiles\\.js$)',
              message: 'Domain logic imports nothing of ours outside domain/ but the distributor and marketplace profiles.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/activities/**', '**/runtime/**'], message: 'The API sends commands to Temporal; it never runs activities.' },
            { group: WORKFLOW_IMPLEMENTATIONS, message: CONTRACTS_ONLY },
          ],
        },
      ],
    },
  },
  // Starting workflows and schedules needs their contract (name, input, ids), never their code.
  {
    files: ['temporal/**/*.ts'],
    rules: forbid([...WORKFLOW_IMPLEMENTATIONS, '!**/workflows/search-attributes.js', '!**/workflows/task-queues.js'], CONTRACTS_ONLY),
  },
  {
    files: ['activities/**/*.ts'],
    rules: forbid(['**/api/**', '**/workflows/**', '**/config.js'], 'Activities receive their dependencies; they import no API, workflow or config code.'),
  },
  { files: ['db/**/*.ts'], rules: forbid(['@temporalio/*', 'fastify*', '**/api/**', '**/activities/**', '**/workflows/**'], 'db/ is persistence only.') },
  {
    files: ['feeds/**/*.ts'],
    rules: forbid(
      ['@temporalio/*', '**/db/**', '**/api/**', '**/activities/**', '**/workflows/**', '**/config.js'],
      'feeds/ fetches and reads feed files: no Temporal, no database, no config.',
    ),
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: forbid(
      [
        '**/api/**',
        '**/db/**',
        '**/domain/**',
        '**/workflows/**',
        '**/activities/**',
        '**/distributors/**',
        '**/marketplaces/**',
        '**/notifications/**',
        '**/config.js',
      ],
      'The web UI talks to the server over HTTP only: type imports at most.',
      true,
    ),
  },
  {
    files: ['distributors/**/*.ts', 'marketplaces/**/*.ts', 'notifications/**/*.ts'],
    rules: forbid(
      ['@temporalio/*', '**/db/**', '**/api/**', '**/activities/**', '**/workflows/**', '**/config.js'],
      'Adapters speak HTTP only: no Temporal, no database, no config.',
    ),
  },
  {
    // The marketplaces' profiles are read by domain/: plain data that imports only each other (after the adapters' rule, which it replaces here).
    files: ['marketplaces/profiles.ts', 'marketplaces/*/profile.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./[a-z-]+/profile\\.js$|\\.\\./profiles\\.js$)',
              message: 'A marketplace profile is plain data: it imports only the other profiles.',
            },
          ],
        },
      ],
    },
  },
  {
    // Distributor profiles are read by the domain rules and inside the workflow bundle: pure data, which
    // may name other profiles and, as types only, anything else.
    files: ['distributors/profiles.ts', 'distributors/*/profile.ts', 'test/fixtures/*/profile.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'A distributor profile is pure data: no Node built-ins.' })),
          patterns: [
            {
              regex: '^(?!\\./[^/]+/profile\\.js$)',
              message: 'A distributor profile is pure data: it imports other profiles and types only.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
