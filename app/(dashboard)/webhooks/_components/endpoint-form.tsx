"use client";
// Adding or editing an endpoint: its URL, the events it gets (grouped by what they are about,
// or all of them, including types added later) and a note for the owner.
import { zodResolver } from "@hookform/resolvers/zod";
import { useController, useForm } from "react-hook-form";
import { Field, Input } from "@/components/ui/field";
import { ALL_EVENTS, endpointFormSchema, groupEvents, toEndpointInput, type EndpointFormValues, type EventOption } from "./webhook-form-schema";
import { FormActions } from "@/components/ui/form-actions";

type Props = {
  events: EventOption[];
  initial?: EndpointFormValues;
  submitLabel: string;
  saving: boolean;
  onSubmit: (input: ReturnType<typeof toEndpointInput>) => void;
  onCancel: () => void;
};

const EMPTY: EndpointFormValues = { url: "", events: [ALL_EVENTS], description: "" };

export function EndpointForm({ events, initial = EMPTY, submitLabel, saving, onSubmit, onCancel }: Props) {
  const { register, handleSubmit, control, formState } = useForm<EndpointFormValues>({ resolver: zodResolver(endpointFormSchema), defaultValues: initial });
  const { field, fieldState } = useController({ control, name: "events" });
  const chosen = field.value;
  const all = chosen.includes(ALL_EVENTS);
  const toggle = (type: string) => field.onChange(chosen.includes(type) ? chosen.filter((t) => t !== type) : [...chosen.filter((t) => t !== ALL_EVENTS), type]);
  return (
    <form className="space-y-5" onSubmit={handleSubmit((values) => onSubmit(toEndpointInput(values)))} noValidate>
      <Field label="Endpoint URL" hint="An https address on the public internet that answers with a 2xx." error={formState.errors.url?.message}>
        <Input {...register("url")} type="url" inputMode="url" placeholder="https://example.com/loyalty-webhooks" autoComplete="off" />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Events</legend>
        <label className="mt-2 flex items-start gap-2 rounded-lg border border-slate-200 px-3 py-2 text-sm">
          <input type="checkbox" checked={all} onChange={() => field.onChange(all ? [] : [ALL_EVENTS])} className="mt-0.5 rounded text-brand-600" />
          <span>
            <span className="font-medium">All events</span>
            <span className="block text-xs text-slate-500">Including event types added later.</span>
          </span>
        </label>
        {groupEvents(events).map(([group, options]) => (
          <div key={group} className="mt-3">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{group}</p>
            <div className="mt-1 grid gap-2 sm:grid-cols-2">
              {options.map((option) => (
                <label key={option.type} className={`flex items-start gap-2 rounded-lg border border-slate-200 px-3 py-2 text-sm ${all ? "opacity-60" : ""}`}>
                  <input
                    type="checkbox"
                    checked={all || chosen.includes(option.type)}
                    disabled={all}
                    onChange={() => toggle(option.type)}
                    // Named by its type alone (the label also holds the description, read once
                    // through aria-describedby).
                    aria-labelledby={`event-name-${option.type}`}
                    aria-describedby={`event-${option.type}`}
                    className="mt-0.5 rounded text-brand-600"
                  />
                  <span className="min-w-0">
                    <span id={`event-name-${option.type}`} className="font-mono text-xs">{option.type}</span>
                    <span id={`event-${option.type}`} className="block text-xs text-slate-500">
                      {option.description}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </div>
        ))}
        {fieldState.error && <p className="mt-2 text-xs text-red-600">{fieldState.error.message}</p>}
      </fieldset>
      <Field label="Description" hint="Optional: what receives these events, for you and your team." error={formState.errors.description?.message}>
        <Input {...register("description")} maxLength={500} />
      </Field>
      <FormActions submitLabel={submitLabel} saving={saving} onCancel={onCancel} />
    </form>
  );
}
