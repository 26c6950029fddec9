"use client";
// The widget's settings: on/off, look, the sites allowed to embed it and the share link, saved
// together (widget.update, audited), beside a live preview that follows the unsaved values.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useForm, useWatch, type FieldPath, type UseFormSetError } from "react-hook-form";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { OriginsEditor } from "./origins-editor";
import { isHexColour, toFormValues, toWidgetInput, widgetFormSchema, type WidgetFormValues, type WidgetSettingsLike } from "./widget-form-schema";
import { WidgetPreview } from "./widget-preview";

type Props = { settings: WidgetSettingsLike & { publicId: string } };

export function WidgetSettingsForm({ settings }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<WidgetFormValues>({ resolver: zodResolver(widgetFormSchema), defaultValues: toFormValues(settings) });
  const { register, handleSubmit, reset, control, formState, setValue, setError } = form;
  // Only when the saved values change (another tab, a save): a refetch for the secret's sake,
  // or on focus, must not wipe what the owner is typing.
  const saved = JSON.stringify(toFormValues(settings));
  useEffect(() => reset(JSON.parse(saved) as WidgetFormValues), [saved, reset]);
  const [enabled, colour, launcherText] = useWatch({ control, name: ["enabled", "primaryColor", "launcherText"] });
  const save = useMutation(
    trpc.widget.update.mutationOptions({
      onSuccess: (saved) => {
        reset(toFormValues(saved));
        toast.success("Widget settings saved");
        void queryClient.invalidateQueries({ queryKey: trpc.widget.pathKey() });
      },
      onError: (error) => {
        applyServerErrors(setError, error.data?.fieldErrors);
        toast.error(error.message);
      },
    }),
  );
  const e = formState.errors;
  const pickerColour = isHexColour(colour) ? colour.trim().toLowerCase() : settings.primaryColor;
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <form noValidate onSubmit={handleSubmit((v) => save.mutate(toWidgetInput(v)))} className="min-w-0 space-y-6" aria-label="Widget settings">
        <Card title="Widget">
          <div className="space-y-5">
            <label className="flex items-start gap-3">
              <input type="checkbox" role="switch" {...register("enabled")} className="mt-0.5 size-5 shrink-0 accent-brand-600" />
              <span>
                <span className="block text-sm font-medium text-slate-900">Widget switched on</span>
                <span className="block text-xs text-slate-500">
                  {enabled ? "Your store's pages and the member page show it." : "Off: the widget and the member page answer \u201cnot found\u201d; only this preview shows it."}
                </span>
              </span>
            </label>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Primary colour" hint="Buttons and highlights, as #rrggbb." error={e.primaryColor?.message}>
                <div className="flex gap-2">
                  <input
                    type="color"
                    aria-label="Pick the primary colour"
                    value={pickerColour}
                    onChange={(ev) => setValue("primaryColor", ev.target.value, { shouldDirty: true, shouldValidate: true })}
                    className="h-9 w-12 shrink-0 cursor-pointer rounded-lg border border-slate-300 bg-white p-1"
                  />
                  <Input {...register("primaryColor")} aria-label="Primary colour (hex)" maxLength={7} spellCheck={false} autoComplete="off" className="font-mono" />
                </div>
              </Field>
              <Field label="Launcher text" hint="The floating button's label, up to 40 characters." error={e.launcherText?.message}>
                <Input {...register("launcherText")} maxLength={40} />
              </Field>
            </div>
            <Field label="Share link page" hint="Where a customer's referral link sends their friends: a page of your shop (https). Empty: no share link." error={e.shareUrl?.message}>
              <Input {...register("shareUrl")} type="url" placeholder="https://shop.example/join" autoComplete="off" />
            </Field>
          </div>
        </Card>
        <Card title="Allowed sites">
          <OriginsEditor control={control} register={register} errors={e} />
        </Card>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" disabled={!formState.isDirty || save.isPending} onClick={() => reset()}>
            Discard changes
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!formState.isDirty}>
            Save widget settings
          </Button>
        </div>
      </form>
      <WidgetPreview publicId={settings.publicId} primaryColor={pickerColour} launcherText={launcherText?.trim() || settings.launcherText} />
    </div>
  );
}

const FIELDS = new Set(["enabled", "primaryColor", "launcherText", "allowedOrigins", "shareUrl"]);

// A refusal the form didn't foresee still lands next to its field, in the API's words.
function applyServerErrors(setError: UseFormSetError<WidgetFormValues>, fieldErrors: Record<string, string[] | undefined> | undefined) {
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) {
    const message = messages?.[0];
    if (!message || !FIELDS.has(field)) continue;
    setError((field === "allowedOrigins" ? "allowedOrigins.root" : field) as FieldPath<WidgetFormValues>, { type: "server", message });
  }
}
