"use client";
// The tier table: rows of name, qualifying points and earn multiplier (typed as a percentage,
// 150 = x1.5, which is what is stored), at most MAX_TIERS. Order doesn't matter: the server
// keeps them lowest first.
import { useFieldArray, useWatch, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { MAX_TIERS } from "@/server/program/tier-schemas";
import type { SettingsFormValues } from "./settings-schema";

type Props = { control: Control<SettingsFormValues>; register: UseFormRegister<SettingsFormValues>; errors: FieldErrors<SettingsFormValues> };

const times = (percent: unknown) => (typeof percent === "number" && Number.isFinite(percent) ? `x${percent / 100}` : "");

export function TiersEditor({ control, register, errors }: Props) {
  const { fields, append, remove } = useFieldArray({ control, name: "tiers" });
  const tiers = useWatch({ control, name: "tiers" }) ?? [];
  const tableError = errors.tiers?.message ?? errors.tiers?.root?.message;
  return (
    <div className="space-y-3" data-testid="tiers-editor">
      {fields.length === 0 && <p className="text-sm text-slate-500">No tiers: every customer earns at the base rate.</p>}
      {fields.map((field, i) => {
        const e = errors.tiers?.[i];
        return (
          <fieldset key={field.id} className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 p-3 sm:grid-cols-[minmax(0,1fr)_8rem_8rem_auto] sm:items-start" data-testid="tier-row">
            <legend className="sr-only">Tier {i + 1}</legend>
            <label className="col-span-2 block space-y-1 sm:col-span-1">
              <span className="text-xs font-medium text-slate-600">Name</span>
              <Input {...register(`tiers.${i}.name`)} aria-label={`Tier ${i + 1} name`} maxLength={40} />
              {e?.name && <span className="block text-xs text-red-600">{e.name.message}</span>}
            </label>
            <label className="block space-y-1">
              <span className="text-xs font-medium text-slate-600">From points</span>
              <Input type="number" min={0} {...register(`tiers.${i}.minPoints`, { valueAsNumber: true })} aria-label={`Tier ${i + 1} minimum points`} />
              {e?.minPoints && <span className="block text-xs text-red-600">{e.minPoints.message}</span>}
            </label>
            <label className="block space-y-1">
              <span className="text-xs font-medium text-slate-600">Multiplier % ({times(tiers[i]?.multiplierPercent)})</span>
              <Input type="number" min={100} max={1000} step={10} {...register(`tiers.${i}.multiplierPercent`, { valueAsNumber: true })} aria-label={`Tier ${i + 1} multiplier percent`} />
              {e?.multiplierPercent && <span className="block text-xs text-red-600">{e.multiplierPercent.message}</span>}
            </label>
            <Button type="button" variant="ghost" onClick={() => remove(i)} className="col-span-2 justify-self-end sm:col-span-1 sm:mt-5">
              Remove
            </Button>
          </fieldset>
        );
      })}
      {tableError && <p className="text-xs text-red-600">{tableError}</p>}
      <Button
        type="button"
        variant="secondary"
        disabled={fields.length >= MAX_TIERS}
        onClick={() => append({ name: "", minPoints: NaN, multiplierPercent: 100 }, { shouldFocus: true })}
      >
        {fields.length >= MAX_TIERS ? `At most ${MAX_TIERS} tiers` : "Add tier"}
      </Button>
    </div>
  );
}
