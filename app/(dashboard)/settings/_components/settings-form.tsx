"use client";
// Programme settings. The point value is edited as money per 100 points (what owners think
// in) and stored as integer minor units, like every amount in the system.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { formatMoney } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { ErrorState, TableSkeleton } from "@/components/ui/states";
import { CURRENCY_CODES, currencyLabel } from "@/server/program/currencies";
import { applyServerErrors } from "./server-errors";
import { settingsFormSchema, toSettingsInput, type SettingsFormValues } from "./settings-schema";
import { ReferralSettingsFields } from "./referral-settings-fields";
import { TierPreview } from "./tier-preview";
import { TiersEditor } from "./tiers-editor";

export function SettingsForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.settings.get.queryOptions());
  const form = useForm<SettingsFormValues>({ resolver: zodResolver(settingsFormSchema) });
  const { register, handleSubmit, reset, control, formState, setError } = form;
  const [currency, value, mode] = useWatch({ control, name: ["currency", "pointValuePer100", "earnMode"] });
  const currencies = useMemo(() => CURRENCY_CODES.map((code) => ({ code, label: currencyLabel(code) })), []);
  useEffect(() => {
    if (settings.data) {
      const s = settings.data;
      reset({ ...s, rewardThreshold: s.rewardThreshold?.toString() ?? "", pointExpiryDays: s.pointExpiryDays?.toString() ?? "" });
    }
  }, [settings.data, reset]);
  const disarmLeaveWarning = useLeaveWarning(formState.isDirty);
  const save = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: () => {
        // Saved values are the new baseline: nothing is left to warn about when leaving, from
        // now (before the re-render that would say so), as the next click may already be a link.
        disarmLeaveWarning();
        reset(form.getValues());
        toast.success("Settings saved");
        void queryClient.invalidateQueries({ queryKey: trpc.settings.get.queryKey() });
      },
      // The API's field errors land on the fields, in its own words.
      onError: (error) => {
        applyServerErrors(setError, error.data?.fieldErrors);
        toast.error(error.message);
      },
    }),
  );
  if (settings.isPending) return <TableSkeleton rows={6} />;
  if (settings.error) return <ErrorState message={settings.error.message} />;
  const preview = /^[A-Z]{3}$/.test(currency ?? "") && Number.isInteger(Number(value)) ? formatMoney(Number(value), currency) : "—";
  const e = formState.errors;
  return (
    <>
      <PageHeader title="Settings" description="How your programme earns and values points. Changes are recorded in the audit log." />
      {/* noValidate: the schema's messages name the limits next to each field; the browser's
          bubbles would show one field at a time, in other words. min/max still bound the spinners. */}
      <form noValidate onSubmit={handleSubmit((v) => save.mutate(toSettingsInput(v)))} className="space-y-6">
        <Card title="Business">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Business name" hint="Shown to your team in the portal; up to 120 characters." error={e.name?.message}>
              <Input {...register("name")} maxLength={120} />
            </Field>
            <Field label="Currency" hint="What point values, rewards and order amounts are priced in. Type a code or a name to search." error={e.currency?.message}>
              <Input {...register("currency")} list="currency-options" autoComplete="off" maxLength={3} className="uppercase" />
              <datalist id="currency-options">
                {currencies.map(({ code, label }) => (
                  <option key={code} value={code}>{label}</option>
                ))}
              </datalist>
            </Field>
          </div>
        </Card>
        <Card title="Points">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Value of 100 points (minor units, e.g. cents)" hint={`What points are worth to a customer: balances and analytics show money with it. 100 points are worth ${preview}.`} error={e.pointValuePer100?.message}>
              <Input type="number" min={0} max={1_000_000} {...register("pointValuePer100", { valueAsNumber: true })} />
            </Field>
            <Field label="Earn mode" hint="Whether a purchase earns by the money spent or once per visit or item." error={e.earnMode?.message}>
              <Select {...register("earnMode")}>
                <option value="SPEND">Per amount spent</option>
                <option value="UNIT">Per visit or item</option>
              </Select>
            </Field>
            <Field
              label={mode === "UNIT" ? "Points per visit / item" : "Points per whole currency unit spent"}
              hint="The earn rate: 1 to 100,000 points. Tier multipliers and campaigns apply on top."
              error={e.earnRate?.message}
            >
              <Input type="number" min={1} max={100_000} {...register("earnRate", { valueAsNumber: true })} />
            </Field>
            <Field
              label="Reward threshold (points)"
              hint="When a balance reaches this, the till shows the customer has a reward (and their progress until then). Empty: no threshold."
              error={e.rewardThreshold?.message}
            >
              <Input type="number" min={1} max={100_000_000} {...register("rewardThreshold")} />
            </Field>
            <Field label="Points expire after (days)" hint="Days an award stays spendable, 1 to 3,650. Empty: points never expire." error={e.pointExpiryDays?.message}>
              <Input type="number" min={1} max={3650} {...register("pointExpiryDays")} placeholder="Never" />
            </Field>
            <Field
              label="Warn before points expire (days)"
              hint="The points.expiring_soon webhook goes out this many days before a customer's points expire."
              error={e.expiringSoonDays?.message}
            >
              <Input type="number" min={1} max={365} {...register("expiringSoonDays", { valueAsNumber: true })} />
            </Field>
            <Field
              label="Points pending for (days)"
              hint="A return window: new points can't be spent (or count toward tiers) for this many days. 0: spendable at once."
              error={e.pendingDays?.message}
            >
              <Input type="number" min={0} max={365} {...register("pendingDays", { valueAsNumber: true })} />
            </Field>
          </div>
        </Card>
        <Card title="Tiers">
          <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
            <div className="min-w-0 space-y-4">
              <Field label="A tier is reached by" hint="Lifetime tiers never drop; a 12-month basis is re-checked daily, so customers can move down." error={e.tierBasis?.message}>
                <Select {...register("tierBasis")} className="sm:w-80">
                  <option value="LIFETIME">Points earned ever (lifetime)</option>
                  <option value="ROLLING_12_MONTHS">Points earned in the last 12 months</option>
                </Select>
              </Field>
              <TiersEditor control={control} register={register} errors={e} />
            </div>
            <TierPreview control={control} />
          </div>
        </Card>
        <ReferralSettingsFields register={register} errors={e} />
        <div className="flex justify-end">
          <Button type="submit" loading={save.isPending} disabled={!formState.isDirty}>
            Save changes
          </Button>
        </div>
      </form>
    </>
  );
}

// The browser's own "leave site?" prompt while edits are unsaved (a reload, a closed tab, a
// typed address), and a confirm for links inside the portal, which navigate client-side and
// never fire beforeunload. Capture phase: it runs before next/link's handler, which then sees
// defaultPrevented and stays put.
const LEAVE_QUESTION = "You have unsaved changes to your settings. Leave without saving?";

function useLeaveWarning(dirty: boolean): () => void {
  const armed = useRef(false);
  useEffect(() => {
    armed.current = dirty;
  }, [dirty]);
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (armed.current) event.preventDefault();
    };
    const onClick = (event: MouseEvent) => {
      if (!armed.current) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.origin !== window.location.origin) return;
      if (link.pathname === window.location.pathname || window.confirm(LEAVE_QUESTION)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("beforeunload", warn);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", warn);
      document.removeEventListener("click", onClick, true);
    };
  }, []);
  return useCallback(() => {
    armed.current = false;
  }, []);
}
