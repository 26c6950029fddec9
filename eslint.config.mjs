import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  { ignores: [".next/**", ".next-*/**", ".data/**", "node_modules/**", "server/db/generated/**", "sdk/src/generated/**", "sdk/dist/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // Only server/env.ts reads the environment (house style).
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read configuration through server/env.ts." },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Entry points and test harnesses that legitimately set or pass environment variables.
    files: ["server/env.ts", "scripts/**", "test/**", "e2e/**", "bench/**", "sdk/examples/**", "playwright.config.ts", "prisma.config.ts", "next.config.ts", "**/*.test.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
];

export default config;
