// The API's field errors (zod's flattened fieldErrors, carried by the tRPC error) onto the
// form's fields, so a refusal the form didn't foresee still shows next to its field.
import type { FieldPath, UseFormSetError } from "react-hook-form";
import type { SettingsFormValues } from "./settings-schema";

const FIELDS = new Set<string>(["name", "currency", "pointValuePer100", "earnMode", "earnRate", "rewardThreshold", "pointExpiryDays", "expiringSoonDays", "pendingDays", "tierBasis", "tiers"]);

export function applyServerErrors(setError: UseFormSetError<SettingsFormValues>, fieldErrors: Record<string, string[] | undefined> | undefined) {
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) {
    const message = messages?.[0];
    if (!message || !FIELDS.has(field)) continue;
    // The tier table's errors (flattened to the table) show under the table.
    setError((field === "tiers" ? "tiers.root" : field) as FieldPath<SettingsFormValues>, { type: "server", message });
  }
}
