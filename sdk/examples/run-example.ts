// Runs an example's main() when its file is executed directly (npx tsx sdk/examples/till.ts),
// with the API key and base URL from the environment; tests import main() instead.
import { pathToFileURL } from "node:url";

export type ExampleEnv = { apiKey: string; baseUrl: string };

export function runIfMain(moduleUrl: string, main: (env: ExampleEnv) => Promise<unknown>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const apiKey = process.env.LOYALTY_API_KEY;
  if (!apiKey) {
    console.error("Set LOYALTY_API_KEY (create a key in the portal under Settings, API keys).");
    process.exit(1);
  }
  main({ apiKey, baseUrl: process.env.LOYALTY_BASE_URL ?? "http://localhost:3000" }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
