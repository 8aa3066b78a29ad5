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
);
