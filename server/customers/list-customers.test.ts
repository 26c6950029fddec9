import { describe, expect, it } from "vitest";
import { searchTerms } from "./list-customers";

describe("searchTerms", () => {
  it("matches name, email and phone case-insensitively", () => {
    expect(searchTerms("ann")).toEqual([
      { name: { contains: "ann", mode: "insensitive" } },
      { email: { contains: "ann", mode: "insensitive" } },
      { phone: { contains: "ann" } },
    ]);
  });

  it("searches for LIKE wildcards literally", () => {
    expect(searchTerms("50%_off\\")[0]).toEqual({ name: { contains: "50\\%\\_off\\\\", mode: "insensitive" } });
  });

  it("also tries a formatted phone number in its stored form", () => {
    expect(searchTerms("(555) 010-2000")).toContainEqual({ phone: { contains: "5550102000" } });
    expect(searchTerms("+1 555")).toContainEqual({ phone: { contains: "+1555" } });
    expect(searchTerms("Ann Lee")).toHaveLength(3);
  });
});
