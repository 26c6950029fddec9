// The widget API's answers as the browser receives them: the server's own types
// (server/widget/*), with dates as the ISO strings JSON carries. Types only: nothing of the
// server is bundled into widget.js (esbuild drops `import type`), and a change to an answer's
// shape fails the widget's typecheck instead of drifting from it.
import type { WidgetMember } from "../server/widget/get-widget-member";
import type { WidgetProgram, WidgetReward } from "../server/widget/get-widget-program";
import type { WidgetReferral } from "../server/widget/get-widget-referral";
import type { WidgetEntry, WidgetRedemption } from "../server/widget/list-widget-activity";
import type { WidgetRedeemOutcome } from "../server/widget/redeem-widget-reward";
import type { Tier as ProgramTier } from "../server/program/tier-schemas";

type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

export type Reward = Json<WidgetReward>;
export type Tier = Json<ProgramTier>;
export type Program = Json<WidgetProgram>;
export type Member = Json<WidgetMember>;
export type Page<T> = { items: T[] };
export type Entry = Json<WidgetEntry>;
export type Redemption = Json<WidgetRedemption>;
export type Referral = Json<WidgetReferral>;
export type RedeemAnswer = Json<Omit<WidgetRedeemOutcome, "replay">>;
