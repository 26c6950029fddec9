import { describe, expect, it } from "vitest";
import { readHeader, readRow } from "./import-row";

describe("import rows", () => {
  it("maps header spellings and refuses unknown, repeated or identity-less headers", () => {
    expect(readHeader(["Emial", "External ID", "opening_balance", "Tier"]).problems).toEqual([
      'unknown column "Emial" (expected email, phone, external_id, name, birthday, opening_balance, tier)',
    ]);
    expect(readHeader(["E-mail", "External ID", "Opening Balance", "tier"])).toEqual({ columns: ["email", "external_id", "opening_balance", "tier"], problems: [] });
    expect(readHeader(["email", "EMAIL"]).problems).toEqual(['column "EMAIL" appears twice']);
    expect(readHeader(["name", "balance"]).problems).toEqual(["the file needs an email, phone or external id column"]);
  });

  it("normalises a row as the API does, and names each bad field with its line", () => {
    const columns = readHeader(["email", "phone", "name", "birthday", "balance", "tier"]).columns;
    expect(readRow(2, columns, [" Ann@X.test ", "+1 (555) 010-2000", "Ann", "1990-02-03", "0012", "Gold"]).row).toEqual({
      email: "ann@x.test", phone: "+15550102000", externalId: null, name: "Ann", birthday: "1990-02-03", opening: 12, tier: "Gold",
    });
    expect(readRow(3, columns, ["", "12", "", "3000-01-01", "1.5", ""]).errors).toEqual([
      { line: 3, field: "phone", reason: "must be a phone number" },
      { line: 3, field: "birthday", reason: "must be between 1900 and today" },
      { line: 3, field: "opening_balance", reason: "must be a whole number of points, 0 or more" },
    ]);
    expect(readRow(4, columns, ["a@b.test", "", "", "", "99999999999", ""]).errors[0]).toMatchObject({ field: "opening_balance", reason: expect.stringMatching(/at most/) });
  });
});
