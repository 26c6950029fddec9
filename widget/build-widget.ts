// Bundles the widget's TypeScript (widget/main.ts) into the one minified IIFE stores load as
// /widget.js. Node-only (esbuild); used by the route that serves it (app/widget.js/route.ts),
// the size check (scripts/check-widget-size.ts) and the bench.
import { createHash } from "node:crypto";
import path from "node:path";
import { build } from "esbuild";

export type WidgetBundle = { code: Buffer; etag: string };

// ES2020: every evergreen browser with custom elements and shadow DOM (2020 on).
const TARGET = "es2020";

// From the app's root: the server runs there (scripts/start.ts and `next start` both do).
export async function buildWidget(root: string = process.cwd()): Promise<WidgetBundle> {
  const result = await build({
    entryPoints: [path.join(root, "widget", "main.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    target: TARGET,
    write: false,
    legalComments: "none",
    logLevel: "silent",
  });
  const code = Buffer.from(result.outputFiles[0]!.contents);
  const hash = createHash("sha256").update(code).digest("base64url").slice(0, 22);
  return { code, etag: `"${hash}"` };
}
