// E2E tests drive Debian's Chromium (Playwright's own browser download is blocked on our
// machines). Installs it on Debian when we are root; otherwise says what to do.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";

async function playwrightBrowserPresent() {
  try {
    const { chromium } = await import("@playwright/test");
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

if (existsSync(CHROMIUM)) process.exit(0);
const isDebian = existsSync("/etc/debian_version");
const isRoot = process.getuid?.() === 0;
if (isDebian && isRoot) {
  console.log("Chromium is missing: installing Debian's chromium package (apt-get)...");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
  process.exit(existsSync(CHROMIUM) ? 0 : 1);
}
if (await playwrightBrowserPresent()) process.exit(0);
console.error(
  [
    "E2E tests need Chromium and none was found.",
    "  Debian/Ubuntu:  sudo apt-get install -y chromium",
    "  elsewhere:      npx playwright install chromium",
  ].join("\n"),
);
process.exit(1);
