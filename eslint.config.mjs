import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

// Modules that decide (negotiation, error mapping, task state, header rules) take
// plain inputs and return plain outputs; the express routers and the Redis store are
// leaves that call them.
const decisionModules = [
  'src/errors/**',
  'src/proxy/**',
  'src/appliances/negotiate-version.ts',
  'src/tasks/normalize-task.ts',
  'src/tasks/task-state.ts',
  'src/fleet/**',
];

export default defineConfig(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', '*.config.*js', 'bench/**/*.js'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: decisionModules,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'express', message: 'Decision modules take plain inputs; keep express in faces/.' },
            { name: 'ioredis', message: 'Decision modules take plain inputs; keep ioredis in store/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Jest's asymmetric matchers (expect.stringContaining, ...) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
