// `npm run widget:size`: builds /widget.js as the server does and fails when it grows to 50 kB
// gzipped or more: every store page downloads it, on every customer's phone.
import { gzipSync } from "node:zlib";
import { buildWidget } from "../widget/build-widget";

const LIMIT = 50 * 1024;
const started = Date.now();
const { code } = await buildWidget();
const gzipped = gzipSync(code, { level: 9 });
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
console.log(`widget.js: ${kb(code.length)} raw, ${kb(gzipped.length)} gzipped (limit ${kb(LIMIT)} gzipped), built in ${Date.now() - started} ms`);
if (gzipped.length >= LIMIT) {
  console.error("widget.js is too big: trim it (or a dependency it pulled in) before shipping.");
  process.exit(1);
}
