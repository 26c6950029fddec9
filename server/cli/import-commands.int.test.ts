import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { awardPoints } from "../ledger";
import { makeBusiness, rowCounts } from "../../test/fixtures";
import { cli } from "../../test/run-cli-capture";

const dir = mkdtempSync(path.join(os.tmpdir(), "cli-import-"));
const file = (name: string, text: string) => {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
};


describe("CLI import and export", () => {
  it("imports customers with a JSON report on stdout; exit 1 for an invalid file (nothing written), 2 for bad usage", async () => {
    const { business } = await makeBusiness();
    const good = file("good.csv", "email,name,opening_balance\nann@cli.test,Ann,120\nbob@cli.test,Bob,\n");
    const bad = file("bad.csv", "email,name,opening_balance\nann@cli.test,Ann,120\nnope,Bob,\n");

    const dry = await cli("import", "customers", "--business", business.slug, "--file", good, "--dry-run");
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ dryRun: true, rows: 2, valid: 2, created: 0 });
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(0);

    const refused = await cli("import", "customers", "--business", business.slug, "--file", bad);
    expect(refused).toMatchObject({ code: 1, err: expect.stringMatching(/1 of 2 rows are invalid.*nothing was imported.*--skip-invalid/s) });
    expect(JSON.parse(refused.out).errors).toEqual([{ line: 3, field: "email", reason: "must be a valid email address" }]);
    expect(await rowCounts(business.id)).toEqual(await rowCounts("00000000-0000-0000-0000-000000000000"));

    const imported = await cli("import", "customers", "--business", business.slug, "--file", good);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ created: 2, balancesPosted: 1 });
    expect(await db.customer.findMany({ where: { businessId: business.id }, orderBy: { email: "asc" }, select: { email: true, name: true, balance: true } })).toEqual([
      { email: "ann@cli.test", name: "Ann", balance: 120 },
      { email: "bob@cli.test", name: "Bob", balance: 0 },
    ]);
    const skipped = await cli("import", "customers", "--business", business.slug, "--file", bad, "--skip-invalid");
    expect(JSON.parse(skipped.out)).toMatchObject({ created: 0, skipped: 1, balancesPosted: 0, balancesAlreadyPosted: 1 });

    expect(await cli("import", "customers", "--business", business.slug)).toMatchObject({ code: 2, err: expect.stringMatching(/Missing --file/) });
    expect(await cli("import", "customers", "--business", business.slug, "--file", path.join(dir, "missing.csv"))).toMatchObject({ code: 2, err: expect.stringMatching(/Can't read the file/) });
    expect(await cli("import", "customers", "--business", "no-such-business", "--file", good)).toMatchObject({ code: 1, err: expect.stringMatching(/No business/) });
    const header = file("header.csv", "email,emial\na@b.test,x\n");
    expect(await cli("import", "customers", "--business", business.slug, "--file", header)).toMatchObject({ code: 1, err: expect.stringMatching(/unknown column "emial"/) });
  });

  it("exports a date range of the ledger as CSV with the customers' email and name", async () => {
    const { business, actor } = await makeBusiness();
    const other = await makeBusiness();
    await awardPoints(db, actor, { customerEmail: "ann@export.test", amount: 40, description: 'Coffee, "large"' });
    await awardPoints(db, actor, { customerEmail: "bob@export.test", amount: 2, description: "=HYPERLINK(\"http://x.test\")" });
    await awardPoints(db, other.actor, { customerEmail: "zed@export.test", amount: 7 });
    // A day either side: the entries' day is the database's, and a run at midnight UTC may straddle it.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const [yesterday, today, tomorrow] = [day(-1), day(0), day(1)];
    const out = path.join(dir, "ledger.csv");
    expect((await cli("export", "ledger", "--business", business.slug, "--from", yesterday, "--to", tomorrow, "--file", out)).code).toBe(0);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines[0]).toMatch(/^entry_id,created_at,type,points,balance_after,customer_id,customer_email,customer_name,/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/,AWARD,40,40,[0-9a-f-]{36},ann@export\.test,,,"Coffee, ""large""",/);
    // A description that would be a formula in a spreadsheet is defused, as in the customers export.
    expect(lines[2]).toMatch(/,AWARD,2,2,[0-9a-f-]{36},bob@export\.test,,,"'=HYPERLINK\(""http:\/\/x\.test""\)",/);

    const empty = path.join(dir, "empty.csv");
    await cli("export", "ledger", "--business", business.slug, "--from", "2020-01-01", "--to", "2020-01-31", "--file", empty);
    expect(readFileSync(empty, "utf8").trimEnd().split("\n")).toHaveLength(1);
    expect(await cli("export", "ledger", "--business", business.slug, "--from", today, "--to", "2020-01-01", "--file", out)).toMatchObject({ code: 2, err: expect.stringMatching(/to: must not be before from/) });
    expect(await cli("export", "ledger", "--business", business.slug, "--from", "yesterday", "--to", today)).toMatchObject({ code: 2 });
  });
});
