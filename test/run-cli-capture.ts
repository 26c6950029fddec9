// The CLI as its tests run it: in process, stdout lines and console.error captured, the exit
// code returned.
import { vi } from "vitest";
import { runCli } from "../server/cli/run-cli";

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const errors: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((line: string) => void errors.push(String(line)));
  try {
    const code = await runCli(argv, (line) => out.push(line));
    return { code, out: out.join("\n"), err: errors.join("\n") };
  } finally {
    spy.mockRestore();
  }
}
