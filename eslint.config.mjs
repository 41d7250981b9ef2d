import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.nx/**',
      '.ringi-data/**',
      'coverage/**',
      'tests/browser/screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
    // vue-tsc checks names in SFCs; ESLint's no-undef does not know the DOM types (typescript-eslint's advice).
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.{ts,vue}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../../libs/*', '../../libs/*'], message: 'Import libs through @ringi/* paths.' },
          ],
        },
      ],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    // UnitOfWork is the one way to run a transaction (after-commit hooks, nested units join the outer one).
    files: ['apps/api/src/**/*.ts', 'tests/**/*.ts'],
    ignores: ['apps/api/src/core/database/unit-of-work.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message: 'Use UnitOfWork.run((tx) => …) instead of a raw transaction.',
        },
        {
          selector: "CallExpression[callee.property.name='startTransaction']",
          message: 'Use UnitOfWork.run((tx) => …) instead of a raw transaction.',
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}', 'scripts/**', '.ci/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
