"use client";
// Adding or editing a reward: every field the API takes. The API's refusals (its field errors)
// show under their fields; the form checks the same rules first, with the same sentences.
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { Field, Input, Select } from "@/components/ui/field";
import { EMPTY_REWARD, REWARD_FIELDS, rewardFormSchema, type RewardFormValues, type RewardInput } from "./reward-form-schema";
import { FormActions } from "@/components/ui/form-actions";

type Props = {
  initial?: RewardFormValues;
  submitLabel: string;
  saving: boolean;
  serverErrors?: Record<string, string[] | undefined>;
  onSubmit: (input: RewardInput) => void;
  onCancel: () => void;
};

const MODES = { NONE: "No code", GENERATED: "A generated code per redemption", POOL: "One of my uploaded codes" } as const;

export function RewardForm({ initial = EMPTY_REWARD, submitLabel, saving, serverErrors, onSubmit, onCancel }: Props) {
  // The schema's declared input is `unknown` per box (it preprocesses text); the boxes hold strings.
  const { register, handleSubmit, formState, setError, control } = useForm<RewardFormValues, unknown, RewardInput>({ resolver: zodResolver(rewardFormSchema) as Resolver<RewardFormValues, unknown, RewardInput>, defaultValues: initial });
  useEffect(() => {
    for (const field of REWARD_FIELDS) {
      const message = serverErrors?.[field]?.[0];
      if (message) setError(field, { type: "server", message });
    }
  }, [serverErrors, setError]);
  const e = formState.errors;
  const mode = useWatch({ control, name: "couponMode" });
  return (
    <form className="space-y-4" onSubmit={handleSubmit(onSubmit)} noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Title" error={e.title?.message}>
          <Input {...register("title")} maxLength={120} autoComplete="off" />
        </Field>
        <Field label="Points cost" error={e.pointsCost?.message}>
          <Input {...register("pointsCost")} inputMode="numeric" autoComplete="off" />
        </Field>
      </div>
      <Field label="Description" hint="Optional." error={e.description?.message}>
        <Input {...register("description")} maxLength={1000} autoComplete="off" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Stock" hint="Redemptions left; empty for unlimited." error={e.stock?.message}>
          <Input {...register("stock")} inputMode="numeric" autoComplete="off" />
        </Field>
        <Field label="Per-customer limit" hint="Active redemptions one customer may hold; empty for no limit." error={e.perCustomerLimit?.message}>
          <Input {...register("perCustomerLimit")} inputMode="numeric" autoComplete="off" />
        </Field>
        <Field label="Valid from" hint="Optional; from the start of this day (UTC)." error={e.validFrom?.message}>
          <Input {...register("validFrom")} type="date" />
        </Field>
        <Field label="Valid until" hint="Optional; through the end of this day (UTC)." error={e.validUntil?.message}>
          <Input {...register("validUntil")} type="date" />
        </Field>
        <Field label="Coupon code" error={e.couponMode?.message}>
          <Select {...register("couponMode")}>
            {Object.entries(MODES).map(([value, label]) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </Select>
        </Field>
        {mode === "GENERATED" && (
          <Field label="Code prefix" hint="Optional, e.g. SUMMER- gives SUMMER-7K2M9XQ4RT." error={e.couponPrefix?.message}>
            <Input {...register("couponPrefix")} maxLength={20} className="uppercase" autoComplete="off" />
          </Field>
        )}
      </div>
      <FormActions submitLabel={submitLabel} saving={saving} onCancel={onCancel} />
    </form>
  );
}
