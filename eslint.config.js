import { defineConfig, globalIgnores } from 'eslint/config'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

export default defineConfig([
  globalIgnores([
    'dist/',
    'node_modules/',
    'coverage/',
    '.databricks-halt/',
    'reports/',
    '.stryker-tmp/',
  ]),
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // A resource kind never imports the engine (docs/adr/0001): data flows resources → engine.
    // Shared helpers both need live below both, in src/util/.
    files: ['src/resources/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)engine(\\.js|/.*)?$',
              message:
                'A resource kind must not import the engine; move shared helpers to src/util/.',
            },
          ],
        },
      ],
    },
  },
])
