// Line numbers in an import's report are the file's own, as an editor shows them: counted by
// the import itself (stage-import-file.ts), through empty lines, CRLF endings and values that
// hold line breaks.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { makeBusiness } from "../../test/fixtures";
import { importCustomers } from "./import-customers";

const dryRun = async (text: string) => {
  const { actor } = await makeBusiness();
  return importCustomers(db, actor, Readable.from([text]), { dryRun: true, skipInvalid: false });
};

describe("import line numbers", () => {
  it("count CRLF lines, empty lines and line breaks inside quoted values", async () => {
    const file = [
      "email,name,balance", // 1
      "a@lines.test,Ann,5", // 2
      "", // 3: skipped
      'b@lines.test,"Bob', // 4
      'the second",x', // 5: Bob's row ends here, with a bad balance
      "not-an-email,Cy,1", // 6
      "", // 7
      "d@lines.test,Di,-3", // 8
    ].join("\r\n");
    const report = await dryRun(`\ufeff${file}\r\n`);
    expect(report).toMatchObject({ rows: 4, valid: 1, invalid: 3 });
    expect(report.errors.map((e) => [e.line, e.field])).toEqual([
      [5, "opening_balance"],
      [6, "email"],
      [8, "opening_balance"],
    ]);
  });

  it("number a last line that has no line break like any other", async () => {
    const report = await dryRun("email\nok@lines.test\n\nbad");
    expect(report.errors).toEqual([{ line: 4, field: "email", reason: expect.any(String) }]);
  });
});
