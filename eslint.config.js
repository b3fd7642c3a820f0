// ESLint (flat config): typescript-eslint's recommended rules (not the type-checked preset: a type-aware lint
// doubles `npm test` on two cores; `tsc -p tsconfig.test.json` already type-checks everything), plus one
// project rule: configuration is read from the environment in one module only.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

const ENV_MESSAGE =
  "read configuration through src/config.ts: process.env is read only there (and in test/, bench/, scripts/)";

export default defineConfig(
  {
    ignores: ["dist/", "node_modules/", "coverage/", "runs/", "tmp/", ".langgraph_api/", "test/fixtures/"],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: ENV_MESSAGE }],
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.type='MemberExpression'][object.property.name='process'][property.name='env']", message: ENV_MESSAGE },
      ],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "node:process", importNames: ["env"], message: ENV_MESSAGE },
            { name: "process", importNames: ["env"], message: ENV_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    // the one configuration module, and code that is not the package: tests, benchmarks, scripts
    files: ["src/config.ts", "test/**", "bench/**", "scripts/**"],
    rules: {
      "no-restricted-properties": "off",
      "no-restricted-syntax": "off",
      "no-restricted-imports": "off",
    },
  },
);
