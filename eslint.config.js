import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * Type-aware linting of src/ and packages/client/src/ (typescript-eslint's recommendedTypeChecked, `npm run lint`). Every rule
 * of that set is on except the ones below, which are noise for this codebase for the reason given.
 */
export default tseslint.config(
  // generated.ts is codegen's output (see codegen.ts); linting it would lint the generator
  { ignores: ['dist/**', 'node_modules/**', 'src/graphql/generated.ts', 'packages/client/src/schema.d.ts'] },
  {
    files: ['src/**/*.ts', 'packages/client/src/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      // Fastify tells promise-style plugins and hooks from callback-style ones by their being
      // `async`; an async hook or plugin without an `await` is the idiom, not a mistake.
      '@typescript-eslint/require-await': 'off',
      // Services are factory closures returning object literals and no service method reads
      // `this`, so handing `core.transition` or `shape.hit` along is safe by construction.
      '@typescript-eslint/unbound-method': 'off',
      // `_`-prefixed names and rest siblings are how a field is dropped from a copy on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }]
    }
  }
)
