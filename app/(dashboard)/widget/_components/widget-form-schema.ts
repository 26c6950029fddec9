// The widget form's schema, built from the API's own field schemas (widget-settings-schemas.ts)
// so the form shows the server's sentences next to each field. Origins are rows of a list
// ({value}) for useFieldArray; an empty share URL means none (null to the API).
import { z } from "zod";
import { colorSchema, launcherTextSchema, MAX_ALLOWED_ORIGINS, originSchema, shareUrlSchema } from "@/server/widget/widget-settings-schemas";

export const widgetFormSchema = z.object({
  enabled: z.boolean(),
  primaryColor: z.string().refine((v) => colorSchema.safeParse(v).success, "must be a colour as #rrggbb"),
  launcherText: z.string().superRefine((v, ctx) => {
    const parsed = launcherTextSchema.safeParse(v);
    if (!parsed.success) ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "not valid" });
  }),
  allowedOrigins: z
    .array(
      z.object({
        value: z.string().superRefine((v, ctx) => {
          const parsed = originSchema.safeParse(v);
          if (!parsed.success) ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "not valid" });
        }),
      }),
    )
    .max(MAX_ALLOWED_ORIGINS, `at most ${MAX_ALLOWED_ORIGINS} origins`),
  shareUrl: z.string().refine((v) => v.trim() === "" || shareUrlSchema.safeParse(v).success, "must be an https:// address of a page of your shop"),
});

export type WidgetFormValues = z.input<typeof widgetFormSchema>;

export type WidgetSettingsLike = { enabled: boolean; primaryColor: string; launcherText: string; allowedOrigins: string[]; shareUrl: string | null };

export function toFormValues(s: WidgetSettingsLike): WidgetFormValues {
  return { enabled: s.enabled, primaryColor: s.primaryColor, launcherText: s.launcherText, allowedOrigins: s.allowedOrigins.map((value) => ({ value })), shareUrl: s.shareUrl ?? "" };
}

// What widget.update takes: the API normalises (lower-case colour, bare origins, no duplicates).
export function toWidgetInput(values: WidgetFormValues) {
  const v = widgetFormSchema.parse(values);
  return {
    enabled: v.enabled,
    primaryColor: v.primaryColor.trim(),
    launcherText: v.launcherText,
    allowedOrigins: v.allowedOrigins.map((o) => o.value.trim()),
    shareUrl: v.shareUrl.trim() === "" ? null : v.shareUrl.trim(),
  };
}

export const isHexColour = (v: unknown): v is string => typeof v === "string" && /^#[0-9a-fA-F]{6}$/.test(v.trim());
