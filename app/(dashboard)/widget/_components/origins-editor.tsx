"use client";
// The sites allowed to call the widget's API from a browser: one origin a row (scheme, host,
// port), each row with its own error in the schema's words.
import { useFieldArray, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { MAX_ALLOWED_ORIGINS } from "@/server/widget/widget-settings-schemas";
import type { WidgetFormValues } from "./widget-form-schema";

type Props = { control: Control<WidgetFormValues>; register: UseFormRegister<WidgetFormValues>; errors: FieldErrors<WidgetFormValues> };

export function OriginsEditor({ control, register, errors }: Props) {
  const { fields, append, remove } = useFieldArray({ control, name: "allowedOrigins" });
  const listError = errors.allowedOrigins?.message ?? errors.allowedOrigins?.root?.message;
  return (
    <div className="space-y-3" data-testid="origins-editor">
      <p className="text-sm text-slate-600">
        The addresses of your store&apos;s sites, such as <code className="font-mono text-xs">https://shop.example</code>: only pages there may show a
        customer&apos;s points. https only (http for localhost while testing), no path.
      </p>
      {fields.length === 0 && <p className="text-sm text-slate-500">No sites yet: the widget works on none of your pages until you add one.</p>}
      <ul className="space-y-2">
        {fields.map((field, i) => {
          const error = errors.allowedOrigins?.[i]?.value?.message;
          return (
            <li key={field.id} className="flex items-start gap-2">
              <div className="min-w-0 flex-1">
                <Input
                  {...register(`allowedOrigins.${i}.value`)}
                  aria-label={`Allowed site ${i + 1}`}
                  aria-invalid={error ? true : undefined}
                  placeholder="https://shop.example"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={200}
                />
                {error && <p className="mt-1 text-xs break-words text-red-600">{error}</p>}
              </div>
              <Button type="button" variant="ghost" onClick={() => remove(i)} aria-label={`Remove allowed site ${i + 1}`}>
                Remove
              </Button>
            </li>
          );
        })}
      </ul>
      {listError && <p className="text-xs text-red-600">{listError}</p>}
      <Button type="button" variant="secondary" disabled={fields.length >= MAX_ALLOWED_ORIGINS} onClick={() => append({ value: "" }, { shouldFocus: true })}>
        {fields.length >= MAX_ALLOWED_ORIGINS ? `At most ${MAX_ALLOWED_ORIGINS} sites` : "Add a site"}
      </Button>
    </div>
  );
}
