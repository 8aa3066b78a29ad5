// @ts-check
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "examples/*/node_modules/**", "**/*.js", "**/*.mjs"] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // The dynamic provider must load modules at run time (see provider/pulumi/provider.ts).
      "@typescript-eslint/no-require-imports": "off",
      // Errors handed to the Pulumi engine are rebuilt from a user message on purpose: a
      // foreign cause (an axios error, say) can carry request headers, credentials included.
      "preserve-caught-error": "off",
    },
  },
  // The layers (see provider/pulumi/provider-context.ts, the one place that wires them): the
  // shared migration domain knows no engine, no client and no Pulumi; the client knows none of
  // them; the adapter reaches an engine only through the MigrationEngine interface.
  {
    files: ["provider/migration/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/client/**", "**/engines/**", "**/pulumi/**", "@pulumi/*"], message: "the shared domain is engine-neutral: no client, engine or Pulumi here" }] }] },
  },
  {
    files: ["provider/client/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/migration/**", "**/engines/**", "**/pulumi/**"], message: "the client is the bottom layer" }] }] },
  },
  {
    files: ["provider/pulumi/**/*.ts"],
    ignores: ["provider/pulumi/provider-context.ts", "provider/pulumi/user-messages.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/client/**", "**/engines/**"], message: "the adapter talks to the MigrationEngine interface; provider-context.ts picks the engine" }] }] },
  },
  {
    files: ["provider/engines/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/pulumi/**", "@pulumi/*"], message: "an engine knows nothing of Pulumi" }] }] },
  },
);
