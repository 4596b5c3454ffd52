import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.tmp/', '.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/framework/**', 'src/rating/**', 'src/sampling/**', 'src/timeline/**'],
    rules: {
      // The centre of the architecture: no web, database, CLI or file-system imports.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cli/**', '**/web/**', '**/db/**', '**/services/**'],
              message: 'The domain imports nothing from the outer layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/rating/**', 'src/sampling/**', 'src/timeline/**', 'src/plans/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cli/**', '**/web/**', '**/db/**', '**/services/**'],
              message: 'The domain imports nothing from the outer layers.',
            },
            { group: ['node:*', 'fs', 'path'], message: 'The rating rules are pure: no I/O.' },
          ],
        },
      ],
    },
  },
);
