// One product in the list: a row on a desktop, a stacked card on a phone.
import { formatMoney } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Pill } from "@/components/ui/states";

type Product = { externalId: string; name: string; sku: string | null; category: string | null; priceMinor: number | null; excluded: boolean; active: boolean };
type Props = { product: Product; currency: string; canToggle: boolean; toggling: boolean; onToggle: () => void };

export function ProductRow({ product, currency, canToggle, toggling, onToggle }: Props) {
  return (
    <li data-testid="product-row" className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-5">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <span className="break-words font-medium text-slate-900">{product.name}</span>
          {product.excluded ? <Pill tone="amber">Excluded from earning</Pill> : <Pill tone="green">Earns points</Pill>}
          {!product.active && <Pill tone="slate">Inactive</Pill>}
        </div>
        <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-500">
          <div className="flex gap-1"><dt className="sr-only">Id</dt><dd className="break-all font-mono text-xs leading-5 text-slate-600">{product.externalId}</dd></div>
          <div className="flex gap-1"><dt>SKU</dt><dd className="break-all text-slate-700">{product.sku ?? "—"}</dd></div>
          <div className="flex gap-1"><dt>Category</dt><dd className="text-slate-700">{product.category ?? "—"}</dd></div>
          <div className="flex gap-1"><dt>Price</dt><dd className="tabular-nums text-slate-700">{product.priceMinor === null ? "—" : formatMoney(product.priceMinor, currency)}</dd></div>
        </dl>
      </div>
      {canToggle && (
        <div className="shrink-0">
          <Button variant="secondary" size="sm" loading={toggling} onClick={onToggle}>
            {product.excluded ? "Include in earning" : "Exclude from earning"}
          </Button>
        </div>
      )}
    </li>
  );
}
