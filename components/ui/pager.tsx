import { formatPoints } from "../format";
import { Button } from "./button";

// Previous / next under a paged list: below a card (default) or as a table's last row.
// Nothing when everything fits on one page.
export function Pager({ page, totalPages, onPage, inTable = false }: { page: number; totalPages: number; onPage: (page: number) => void; inTable?: boolean }) {
  if (totalPages <= 1) return null;
  return (
    <div className={inTable ? "flex items-center justify-between border-t border-slate-100 px-4 py-3 text-xs text-slate-500" : "mt-4 flex items-center justify-between text-sm text-slate-500"}>
      <span>
        Page {page} of {formatPoints(totalPages)}
      </span>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={page >= totalPages} onClick={() => onPage(page + 1)}>
          Next
        </Button>
      </div>
    </div>
  );
}
