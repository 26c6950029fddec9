"use client";
// The catalogue as the shop's systems sent it (PUT /api/v1/products): searched, filtered and
// paged on the server. Owners decide per product whether buying it earns points; staff look.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { toast } from "sonner";
import { formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import { ProductRow } from "./product-row";
import { Pager } from "@/components/ui/pager";

const PER_PAGE = 25;
type Choice = "" | "true" | "false";
const asFilter = (choice: Choice) => (choice === "" ? undefined : choice === "true");

export function ProductsPanel({ isOwner }: { isOwner: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [excluded, setExcluded] = useState<Choice>("");
  const [active, setActive] = useState<Choice>("");
  const [page, setPage] = useState(1);
  const q = useDeferredValue(search).trim() || undefined;
  const filtered = Boolean(q || excluded || active);
  const products = useQuery({
    ...trpc.products.list.queryOptions({ q, excluded: asFilter(excluded), active: asFilter(active), page, perPage: PER_PAGE }),
    placeholderData: keepPreviousData,
  });
  const toggle = useMutation(
    trpc.products.setExcluded.mutationOptions({
      onSuccess: (p) => {
        toast.success(p.excluded ? `${p.name} no longer earns points` : `${p.name} earns points again`);
        void queryClient.invalidateQueries({ queryKey: trpc.products.list.queryKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const pagination = products.data?.pagination;

  return (
    <>
      <PageHeader
        title="Products"
        description={
          pagination
            ? `${formatPoints(pagination.total)} ${pagination.total === 1 ? "product" : "products"}${filtered ? (pagination.total === 1 ? " matches" : " match") : ""}. Your shop's systems send them through the API; an excluded product earns no points.`
            : "Your catalogue, as your shop's systems send it through the API."
        }
      />
      <div className="mb-4 flex flex-col gap-3 sm:flex-row">
        <Input type="search" placeholder="Search name, SKU or id…" aria-label="Search products" value={search} onChange={(e) => (setSearch(e.target.value), setPage(1))} className="sm:max-w-sm" />
        <Select aria-label="Earning" value={excluded} onChange={(e) => (setExcluded(e.target.value as Choice), setPage(1))} className="sm:w-48">
          <option value="">Earning or excluded</option>
          <option value="false">Earns points</option>
          <option value="true">Excluded</option>
        </Select>
        <Select aria-label="Status" value={active} onChange={(e) => (setActive(e.target.value as Choice), setPage(1))} className="sm:w-40">
          <option value="">Any status</option>
          <option value="true">Active</option>
          <option value="false">Inactive</option>
        </Select>
      </div>
      {products.isPending ? (
        <TableSkeleton rows={6} />
      ) : products.error ? (
        <ErrorState message={products.error.message} />
      ) : products.data.items.length === 0 ? (
        <EmptyState
          title={filtered ? "No products match" : "No products yet"}
          description={filtered ? "Try a different search or filter." : "Products appear here once your shop's systems send them (PUT /api/v1/products/{externalId})."}
        />
      ) : (
        <ul className={`divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm transition-opacity ${products.isFetching ? "opacity-60" : ""}`}>
          {products.data.items.map((product) => (
            <ProductRow
              key={product.id}
              product={product}
              currency={products.data.currency}
              canToggle={isOwner}
              toggling={toggle.isPending && toggle.variables?.externalId === product.externalId}
              onToggle={() => toggle.mutate({ externalId: product.externalId, excluded: !product.excluded })}
            />
          ))}
        </ul>
      )}
      {pagination && <Pager page={page} totalPages={pagination.totalPages} onPage={setPage} />}
    </>
  );
}
