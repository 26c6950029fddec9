"use client";
// Adding or editing a campaign. The API checks every rule (the form doesn't repeat them) and its
// field refusals show under their boxes; a campaign's kind is fixed once created.
import { useState } from "react";
import { Field, Input, Select } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import type { CampaignKind } from "@/server/campaigns/campaign-schemas";
import { EMPTY_CAMPAIGN, toCampaignInput, type CampaignFormValues } from "./campaign-form-values";

type Props = {
  initial?: CampaignFormValues;
  editing?: boolean;
  submitLabel: string;
  saving: boolean;
  serverErrors?: Record<string, string[] | undefined>;
  onSubmit: (input: ReturnType<typeof toCampaignInput> & { kind: CampaignKind }) => void;
  onCancel: () => void;
};

const KINDS: Record<CampaignKind, string> = { MULTIPLIER: "Points multiplier (orders)", SIGNUP: "Sign-up bonus", BIRTHDAY: "Birthday bonus" };
// The API's field names to the boxes they came from.
const BOX: Record<string, keyof CampaignFormValues> = { startsAt: "startsOn", endsAt: "endsOn", storeIds: "stores" };

export function CampaignForm({ initial = EMPTY_CAMPAIGN, editing = false, submitLabel, saving, serverErrors, onSubmit, onCancel }: Props) {
  const [v, setV] = useState(initial);
  const set = (key: keyof CampaignFormValues) => (e: { target: { value: string } }) => setV((old) => ({ ...old, [key]: e.target.value }));
  const errors: Partial<Record<keyof CampaignFormValues, string>> = {};
  for (const [field, messages] of Object.entries(serverErrors ?? {})) {
    const box = BOX[field] ?? (field as keyof CampaignFormValues);
    if (messages?.[0]) errors[box] ??= messages[0];
  }
  const multiplier = v.kind === "MULTIPLIER";
  return (
    <form className="space-y-4" noValidate onSubmit={(e) => (e.preventDefault(), onSubmit({ ...toCampaignInput(v), kind: v.kind }))}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" hint="Shown on every entry it writes: “Campaign: name”." error={errors.name}>
          <Input value={v.name} onChange={set("name")} maxLength={120} autoComplete="off" />
        </Field>
        <Field label="Kind" error={errors.kind}>
          <Select value={v.kind} onChange={set("kind")} disabled={editing}>
            {Object.entries(KINDS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </Select>
        </Field>
        {multiplier ? (
          <Field label="Multiplier (%)" hint="200 doubles the base points of matching order lines." error={errors.multiplierPercent}>
            <Input value={v.multiplierPercent} onChange={set("multiplierPercent")} inputMode="numeric" autoComplete="off" />
          </Field>
        ) : (
          <Field label="Bonus points" error={errors.points}>
            <Input value={v.points} onChange={set("points")} inputMode="numeric" autoComplete="off" />
          </Field>
        )}
        <div className="hidden sm:block" />
        <Field label="Starts" hint={multiplier ? "From the start of this day (UTC)." : "Optional; from the start of this day (UTC)."} error={errors.startsOn}>
          <Input value={v.startsOn} onChange={set("startsOn")} type="date" />
        </Field>
        <Field label="Ends" hint={multiplier ? "Through the end of this day (UTC)." : "Optional; through the end of this day (UTC)."} error={errors.endsOn}>
          <Input value={v.endsOn} onChange={set("endsOn")} type="date" />
        </Field>
        {multiplier && (
          <>
            <Field label="Stores" hint="Optional store codes, comma-separated; empty: every store." error={errors.stores}>
              <Input value={v.stores} onChange={set("stores")} autoComplete="off" />
            </Field>
            <Field label="Product categories" hint="Optional, comma-separated; empty: every product." error={errors.categories}>
              <Input value={v.categories} onChange={set("categories")} autoComplete="off" />
            </Field>
          </>
        )}
      </div>
      <FormActions submitLabel={submitLabel} saving={saving} onCancel={onCancel} />
    </form>
  );
}
