"use client";
// The programme's referral rules on the settings page (server/referrals/referral-settings.ts).
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import type { SettingsFormValues } from "./settings-schema";

export function ReferralSettingsFields({ register, errors: e }: { register: UseFormRegister<SettingsFormValues>; errors: FieldErrors<SettingsFormValues> }) {
  return (
    <Card title="Referrals">
      <p className="mb-4 text-sm text-slate-600">
        A referral completes with the new customer&apos;s first order that earns points and reaches the minimum total; both sides are then credited once.
      </p>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Points for the referrer" hint="0: none." error={e.referrerPoints?.message}>
          <Input type="number" min={0} {...register("referrerPoints", { valueAsNumber: true })} />
        </Field>
        <Field label="Points for the new customer" hint="0: none." error={e.refereePoints?.message}>
          <Input type="number" min={0} {...register("refereePoints", { valueAsNumber: true })} />
        </Field>
        <Field label="Minimum order (minor units, e.g. cents)" hint="0: any order." error={e.referralMinimumOrder?.message}>
          <Input type="number" min={0} {...register("referralMinimumOrder", { valueAsNumber: true })} />
        </Field>
      </div>
    </Card>
  );
}
