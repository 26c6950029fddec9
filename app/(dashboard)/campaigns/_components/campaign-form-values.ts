// The campaign form's boxes (all text) to the API's input and back. Dates are whole days, UTC,
// both inclusive: "until 7 Dec" runs through the end of that day (the API's endsAt, which is
// exclusive, is the next midnight). Lists are typed comma-separated. Validation is the API's
// own (the same sentences come back under the fields).
import type { CampaignKind } from "@/server/campaigns/campaign-schemas";

export type CampaignFormValues = {
  name: string; kind: CampaignKind; points: string; multiplierPercent: string; startsOn: string; endsOn: string; stores: string; categories: string;
};

export type CampaignRow = {
  id: string; name: string; kind: CampaignKind; points: number | null; multiplierPercent: number | null; startsAt: Date | string | null; endsAt: Date | string | null;
  storeIds: string[]; categories: string[]; active: boolean; pointsIssued: number; customers: number;
};

export const EMPTY_CAMPAIGN: CampaignFormValues = { name: "", kind: "MULTIPLIER", points: "", multiplierPercent: "200", startsOn: "", endsOn: "", stores: "", categories: "" };

const DAY = 86_400_000;
const dayOf = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : "");
const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);
// A number as typed ("1.5" and "ten" go to the API, which says what is wrong); empty: none.
const numberOrNull = (s: string) => (s.trim() === "" ? null : /^\s*-?\d+(\.\d+)?\s*$/.test(s) ? Number(s) : s);
const startOf = (day: string) => (day ? new Date(`${day}T00:00:00.000Z`) : null);
const endOf = (day: string) => (day ? new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY) : null);

export function toCampaignInput(v: CampaignFormValues) {
  const multiplier = v.kind === "MULTIPLIER";
  return {
    name: v.name,
    points: multiplier ? null : numberOrNull(v.points),
    multiplierPercent: multiplier ? numberOrNull(v.multiplierPercent) : null,
    startsAt: startOf(v.startsOn),
    endsAt: endOf(v.endsOn),
    storeIds: multiplier ? list(v.stores) : [],
    categories: multiplier ? list(v.categories) : [],
  } as { name: string; points: number | null; multiplierPercent: number | null; startsAt: Date | null; endsAt: Date | null; storeIds: string[]; categories: string[] };
}

// storeCodes: our store ids to the codes the owner knows them by.
export function toCampaignFormValues(c: CampaignRow, storeCodes: Map<string, string>): CampaignFormValues {
  return {
    name: c.name,
    kind: c.kind,
    points: c.points === null ? "" : String(c.points),
    multiplierPercent: c.multiplierPercent === null ? "" : String(c.multiplierPercent),
    startsOn: dayOf(c.startsAt),
    endsOn: c.endsAt ? dayOf(new Date(new Date(c.endsAt).getTime() - 1)) : "",
    stores: c.storeIds.map((id) => storeCodes.get(id) ?? id).join(", "),
    categories: c.categories.join(", "),
  };
}
