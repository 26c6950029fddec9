"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/states";
import type { ImportReport } from "@/server/import/import-customers";
import type { Progress } from "@/server/import/stage-import-file";
import { ImportReportView } from "./import-report";

type Line = ({ type: "progress" } & Progress) | { type: "report"; report: ImportReport } | { type: "error"; message: string };

// Sends the file to the import route and reads its NDJSON answer line by line as it streams.
async function runImport(file: File, query: Record<string, string>, onProgress: (p: Progress) => void): Promise<ImportReport> {
  const response = await fetch(`/customers/import/run?${new URLSearchParams(query)}`, {
    method: "POST",
    body: file,
    headers: { "content-type": "text/csv", "x-file-size": String(file.size) },
  });
  if (!response.ok || !response.body) throw new Error((await response.text()) || `The import failed (${response.status}).`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const text of lines.filter(Boolean)) {
      const line = JSON.parse(text) as Line;
      if (line.type === "progress") onProgress(line);
      else if (line.type === "report") return line.report;
      else throw new Error(line.message);
    }
  }
  throw new Error("The import ended without a report; run it again (it is safe to repeat).");
}

function share(p: Progress): number | undefined {
  if (p.phase === "checking") return p.totalBytes && p.bytes !== undefined ? p.bytes / p.totalBytes : undefined;
  return p.totalRows ? p.rows / p.totalRows : undefined;
}

export function ImportPanel() {
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    setProgress(null);
    try {
      setReport(await runImport(file, { ...(dryRun && { dryRun: "1" }), ...(skipInvalid && { skipInvalid: "1" }) }, setProgress));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const checked = report?.dryRun === true;
  const percent = progress ? share(progress) : undefined;

  return (
    <>
      <PageHeader title="Import customers" description="Bring customers and their opening balances over from another system, from a CSV file." />
      <Card title="1. Choose a file, 2. check it, 3. import it">
        <div className="space-y-4">
          <p className="text-sm text-slate-600">
            Columns (a header row, any order): <code>email</code>, <code>phone</code>, <code>external_id</code>, <code>name</code>, <code>birthday</code> (YYYY-MM-DD), <code>opening_balance</code>, <code>tier</code> (ignored: tiers follow points). Each row needs an email, a phone or an external id. Customers who are already enrolled are matched and updated; an opening balance is given once per customer, so importing a file again is safe.
          </p>
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => (setFile(e.target.files?.[0] ?? null), setReport(null), setError(null))}
            className="block text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium"
            data-testid="import-file"
            aria-label="CSV file"
          />
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="import-skip-invalid" />
            Import the valid rows even if some are invalid (they are skipped and listed)
          </label>
          <div className="flex flex-wrap gap-3">
            <Button variant="secondary" disabled={!file || busy} loading={busy && !checked} onClick={() => run(true)} data-testid="import-check">
              Check file
            </Button>
            <Button disabled={!file || busy || !checked || (report.invalid > 0 && !skipInvalid)} onClick={() => run(false)} data-testid="import-run">
              Import
            </Button>
          </div>
          {busy && progress && (
            <div role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent === undefined ? undefined : Math.floor(percent * 100)}>
              <div className="h-2 overflow-hidden rounded-full bg-slate-100">
                <div className="h-full bg-brand-600 transition-all" style={{ width: `${Math.floor((percent ?? 0) * 100)}%` }} />
              </div>
              <p className="mt-1 text-xs text-slate-500 tabular-nums">
                {progress.phase === "checking" ? "Checking" : "Importing"}: {progress.rows.toLocaleString("en")} rows
              </p>
            </div>
          )}
          {error && <ErrorState message={error} />}
          {report && <ImportReportView report={report} />}
        </div>
      </Card>
    </>
  );
}
