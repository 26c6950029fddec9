import { ScrollBox } from "@/components/ui/scroll-box";
import { SimpleTable } from "@/components/ui/simple-table";
import type { ImportReport } from "@/server/import/import-customers";

export function ImportReportView({ report }: { report: ImportReport }) {
  const n = (value: number) => value.toLocaleString("en");
  const summary = report.dryRun
    ? `${n(report.rows)} rows checked: ${n(report.valid)} valid (${n(report.matched)} of them already enrolled), ${n(report.invalid)} invalid. Nothing was written.`
    : report.refused
      ? `Nothing was imported: ${n(report.invalid)} of ${n(report.rows)} rows are invalid.`
      : `${n(report.created)} customers created, ${n(report.updated)} updated, ${n(report.balancesPosted)} opening balances given (${n(report.balancesAlreadyPosted)} already given before), ${n(report.skipped)} rows skipped.`;
  return (
    <div className="space-y-3" data-testid="import-report">
      <p className="text-sm font-medium text-slate-900">{summary}</p>
      {report.warnings.map((warning) => (
        <p key={warning} className="text-sm text-amber-700">{warning}</p>
      ))}
      {report.errors.length > 0 && (
        <ScrollBox label="Rows with errors" className="rounded-lg border border-slate-200">
          <SimpleTable columns={[{ label: "Line", align: "right" }, { label: "Field" }, { label: "Problem" }]} dense>
            {report.errors.map((e) => (
              <tr key={`${e.line}-${e.field}`}>
                <td className="px-4 py-2.5 text-right tabular-nums">{e.line}</td>
                <td className="px-4 py-2.5 font-mono text-xs">{e.field}</td>
                <td className="px-4 py-2.5">{e.reason}</td>
              </tr>
            ))}
          </SimpleTable>
        </ScrollBox>
      )}
      {report.errorsNotListed > 0 && <p className="text-xs text-slate-500">…and {n(report.errorsNotListed)} more errors not listed.</p>}
    </div>
  );
}
