import { describe, expect, it } from "vitest";
import { searchFilter } from "./list-customers";

describe("searchFilter", () => {
  it("matches the lower-cased search anywhere in the searched text", () => {
    expect(searchFilter("Ann")).toEqual({ search: { is: { text: { contains: "ann" } } } });
  });

  it("matches one or two characters at the start only", () => {
    expect(searchFilter("AN")).toEqual({ search: { is: { text: { startsWith: "an" } } } });
  });

  it("searches for LIKE wildcards literally", () => {
    expect(searchFilter("50%_off\\")).toEqual({ search: { is: { text: { contains: "50\\%\\_off\\\\" } } } });
    expect(searchFilter("%")).toEqual({ search: { is: { text: { startsWith: "\\%" } } } });
  });

  it("also tries a formatted phone number in its stored form", () => {
    expect(searchFilter("(555) 010-2000")).toEqual({ search: { is: { OR: [{ text: { contains: "(555) 010-2000" } }, { text: { contains: "5550102000" } }] } } });
    expect(searchFilter("+1 555")).toEqual({ search: { is: { OR: [{ text: { contains: "+1 555" } }, { text: { contains: "+1555" } }] } } });
    expect(searchFilter("Ann Lee")).toEqual({ search: { is: { text: { contains: "ann lee" } } } });
  });
});
