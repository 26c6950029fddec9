// npm run sdk:generate: rewrites sdk/src/generated/ from the OpenAPI document, built in process
// (no server needed). server/rest/sdk-source.test.ts fails while the committed files differ.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { SDK_GENERATED_DIR, generateSdkSources } from "../server/rest/sdk-source";

const sources = await generateSdkSources();
for (const [name, text] of Object.entries(sources)) {
  await writeFile(path.join(SDK_GENERATED_DIR, name), text);
  console.log(`wrote ${path.relative(process.cwd(), path.join(SDK_GENERATED_DIR, name))}`);
}
