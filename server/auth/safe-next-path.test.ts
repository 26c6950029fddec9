import { describe, expect, it } from "vitest";
import { DEFAULT_NEXT_PATH, safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it.each([
    "//evil.example",
    "/\\evil.example/x",
    "\\\\evil.example",
    "https://evil.example",
    "http://evil.example/customers",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    "/\r\n/evil.example/x",
    "///evil.example",
    "/.//evil.example",
    "",
  ])("sends %j to the default page", (value) => {
    expect(safeNextPath(value)).toBe(DEFAULT_NEXT_PATH);
  });

  it("keeps an encoded backslash as a harmless path on our own host", () => {
    expect(safeNextPath("/%5Cevil.example")).toBe("/%5Cevil.example");
  });

  it("keeps a same-origin path with its query and fragment", () => {
    expect(safeNextPath("/customers?x=1#y")).toBe("/customers?x=1#y");
    expect(safeNextPath("/customers/abc/history")).toBe("/customers/abc/history");
  });

  it("answers the default page for anything not a string", () => {
    expect(safeNextPath(undefined)).toBe(DEFAULT_NEXT_PATH);
    expect(safeNextPath(null)).toBe(DEFAULT_NEXT_PATH);
    expect(safeNextPath(["/customers"])).toBe(DEFAULT_NEXT_PATH);
  });
});
