// An audit row in words, for the portal's log: "Locked Grace Hopper", "Changed earn rate 1 → 2".
// Pure: list-audit.ts finds each target's name (a customer's, a key's, an endpoint's URL) and
// this turns action, name and details into one sentence. Details of an action this file doesn't
// know yet still show, as their field names and values, so nothing recorded goes unsaid.
export type Described = { action: string; targetName: string | null; details: unknown };

type Details = Record<string, unknown>;
type Change = { from: unknown; to: unknown };

// The words for a settings (or reward, campaign, store, product) field in a change list.
const FIELD_LABELS: Record<string, string> = {
  name: "name", earnMode: "earn mode", earnRate: "earn rate", pointValuePer100: "point value", rewardThreshold: "reward threshold",
  pointExpiryDays: "expiry days", expiringSoonDays: "expiry warning days", pendingDays: "pending days", tierBasis: "tier basis",
  tiers: "tiers", currency: "currency", orderEarnsOnShipping: "earning on shipping", orderEarnsOnTax: "earning on tax",
  orderPointsWhen: "order points when", referrerPoints: "referrer points", refereePoints: "referee points",
  referralMinimumOrder: "referral minimum order", title: "title", pointsCost: "points cost", active: "active", stock: "stock",
  code: "code", address: "address", excluded: "excluded from earning", multiplierPercent: "multiplier", points: "points",
  startsAt: "start", endsAt: "end", url: "URL", events: "events", disabled: "disabled",
  enabled: "enabled", primaryColor: "colour", launcherText: "launcher text", allowedOrigins: "allowed origins", shareUrl: "share link page",
  email: "email", phone: "phone", externalId: "external id", notes: "notes", birthday: "birthday", status: "status",
};

const label = (field: string) => FIELD_LABELS[field] ?? field;
const show = (value: unknown): string => {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  // A list of named things (the tiers) by their names; other lists when short.
  if (Array.isArray(value)) {
    const names = value.map((v) => (typeof v === "object" && v !== null && "name" in v ? String(v.name) : typeof v === "object" ? null : String(v)));
    return names.every((n) => n !== null) && names.length <= 6 ? names.join(", ") || "none" : "changed";
  }
  if (typeof value === "object") return "changed";
  return String(value);
};
const isChange = (v: unknown): v is Change => typeof v === "object" && v !== null && "from" in v && "to" in v;

// {field: {from, to}} as "earn rate 1 → 2, currency USD → EUR".
function changes(details: Details): string {
  const parts = Object.entries(details).filter(([, v]) => isChange(v)).map(([k, v]) => {
    const c = v as Change;
    const [from, to] = [show(c.from), show(c.to)];
    return from === "changed" ? label(k) : `${label(k)} ${from} → ${to}`;
  });
  return parts.join(", ");
}

// A count recorded as a number, or as the list of what was counted (SKUs).
const count = (v: unknown) => (Array.isArray(v) ? v.length : Number(v ?? 0));
const signed = (n: number) => (n > 0 ? `+${n.toLocaleString("en")}` : n.toLocaleString("en").replace("-", "−"));
const quoted = (s: unknown) => (typeof s === "string" && s ? `“${s}”` : "");

export function describeAudit({ action, targetName, details: raw }: Described): string {
  const d = (typeof raw === "object" && raw !== null ? raw : {}) as Details;
  const who = targetName ?? "a deleted record";
  const withReason = (s: string) => (typeof d.reason === "string" && d.reason ? `${s}: ${d.reason}` : s);
  switch (action) {
    case "points.adjusted":
      return withReason(`Adjusted ${who}'s points by ${signed(Number(d.points ?? 0))}`);
    case "points.opening":
      return withReason(`Gave ${who} ${Number(d.points ?? 0).toLocaleString("en")} opening points`);
    case "points.reversed":
      return withReason(`Reversed an entry of ${who} (${signed(Number(d.points ?? 0))} points)`);
    case "customer.blocked":
      return `Locked ${who}`;
    case "customer.unblocked":
      return `Unlocked ${who}`;
    case "customer.updated":
      return `Changed ${who}'s ${Array.isArray(d.fields) ? d.fields.map((f) => label(String(f))).join(", ") : "details"}`;
    case "customer.member_link_created":
      return `Made a member page sign-in link for ${who}${typeof d.expiresAt === "string" ? `, valid until ${d.expiresAt.slice(0, 16).replace("T", " ")} UTC` : ""}`;
    case "customer.member_sessions_ended":
      return `Signed ${who} out of the member page on every phone${Number(d.linksWithdrawn ?? 0) ? ` and withdrew ${Number(d.linksWithdrawn)} unused sign-in links` : ""}`;
    case "customer.erased":
      return withReason(`Erased a customer's personal data (${Number(d.forfeitedPoints ?? 0).toLocaleString("en")} points forfeited)`);
    case "customers.imported":
      return `Imported customers: ${d.created ?? 0} created, ${d.updated ?? 0} updated, ${d.balancesPosted ?? 0} opening balances posted`;
    case "settings.updated":
      return `Changed ${changes(d) || "settings"}`;
    case "api_key.created":
      return `Created API key ${quoted(d.name ?? targetName)}`;
    case "api_key.revoked":
      return `Revoked API key ${quoted(d.name ?? targetName)}`;
    case "team.role_changed":
      return `Changed ${who}'s role ${show(d.from).toLowerCase()} → ${show(d.to).toLowerCase()}`;
    case "team.member_removed":
      return `Removed ${who} from the team`;
    case "team.invitation_created":
      return `Invited ${show(d.email)} as ${show(d.role).toLowerCase()}`;
    case "team.invitation_renewed":
      return `Renewed the invitation of ${show(d.email)}`;
    case "team.invitation_revoked":
      return `Revoked the invitation of ${show(d.email)}`;
    case "team.invitation_accepted":
      return `${show(d.email)} joined as ${show(d.role).toLowerCase()}`;
    case "team.password_reset_issued":
      return `Issued a password reset link for ${show(d.email)}`;
    case "user.password_reset":
      return `${who} set a new password with a reset link`;
    case "webhook.created":
      return `Added webhook endpoint ${who}`;
    case "webhook.deleted":
      return `Deleted webhook endpoint ${show(d.url)}`;
    case "webhook.updated":
      return `Changed webhook endpoint ${who}: ${changes(d) || "settings"}`;
    case "webhook.secret_rotated":
      return `Rotated the signing secret of ${who}`;
    case "webhook.secret_revealed":
      return `Revealed the signing secret of ${who}`;
    case "webhook.resent":
      return `Resent a delivery to ${who}`;
    case "webhook.replayed":
      return `Replayed ${d.queued ?? 0} deliveries to ${who}`;
    case "products.bulk_upserted":
      return `Imported products: ${count(d.created)} created, ${count(d.updated)} updated`;
    case "reward.coupons_uploaded":
      return `Uploaded ${d.added ?? 0} coupon codes to ${who}`;
    case "referral.withdrawn":
      return "Withdrew a pending referral";
    case "widget.updated":
      return `Changed the loyalty widget: ${changes(d) || "settings"}`;
    case "widget.secret_created":
      return "Created the loyalty widget's token secret";
    case "widget.secret_rotated":
      return "Rotated the loyalty widget's token secret";
  }
  const [kind, verb] = action.split(".");
  if (verb === "created") return `Created ${kind} ${who}`;
  if (verb === "updated") {
    const moved = changes(d);
    return `Changed ${kind} ${who}${moved ? `: ${moved}` : ""}`;
  }
  const rest = Object.entries(d).map(([k, v]) => `${label(k)} ${show(isChange(v) ? v.to : v)}`).join(", ");
  return `${action}${targetName ? ` ${targetName}` : ""}${rest ? ` (${rest})` : ""}`;
}
