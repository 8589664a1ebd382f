import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Libraries that src/sim and src/document never import (tsconfig.plain.json refuses them too). */
const PLAIN_ROOM_LIBRARIES = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  '@xyflow/*',
  'zustand',
  'zustand/*',
  'zundo',
  'comlink',
  'elkjs',
  'elkjs/*',
  '@observablehq/plot',
  'html-to-image',
  'node:*',
];

/** The rooms that src/sim and src/document never import, at any depth of `../`. */
const ROOMS_ABOVE = [
  '**/editor',
  '**/editor/**',
  '**/workers',
  '**/workers/**',
  '**/cli',
  '**/cli/**',
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // The engine and the editing rules take randomness and clocks as arguments, so results and
    // edits are reproducible; both run anywhere, so no browser, worker or Node library.
    files: ['src/sim/**/*.ts', 'src/document/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'src/sim and src/document are seeded: take a generator from src/sim/random.',
        },
        {
          object: 'Date',
          property: 'now',
          message: 'src/sim and src/document take clocks as arguments.',
        },
        {
          object: 'performance',
          property: 'now',
          message: 'src/sim and src/document take clocks as arguments.',
        },
      ],
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: PLAIN_ROOM_LIBRARIES,
              message: 'src/sim is plain ECMAScript: no browser, worker or Node library.',
            },
            {
              group: ROOMS_ABOVE,
              message: 'src/sim imports nothing from the rooms above it: the arrows point into it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/document/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: PLAIN_ROOM_LIBRARIES,
              message: 'src/document is plain ECMAScript: no browser, worker or Node library.',
            },
            {
              group: ROOMS_ABOVE,
              message: 'src/document imports only src/sim and src/document.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/editor/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
);
