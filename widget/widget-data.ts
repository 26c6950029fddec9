// The widget's data and what the customer does with it: the programme and the customer's card
// fetched as soon as the element is on the page (so opening paints at once), their lists when
// the panel first opens, and the redeem flow. A new token or business starts over; answers to
// requests made before that are dropped (the generation check), never shown for the new one.
import { ApiError, apiClient, type Api } from "./api";
import { copyText } from "./dom";
import { emptyState, type Actions, type WidgetState } from "./state";
import type { Program } from "./types";

type Host = HTMLElement & { readonly token: string | null; readonly apiOrigin: string; render(focusKey?: string): void };

export class WidgetData {
  state: WidgetState = emptyState();
  private api: Api | null = null;
  private generation = 0;
  private listsWanted = false;
  private override: Program | null = null;
  // Per reward, kept until an answer says whether it redeemed: a customer who cancels after a
  // network failure and tries again resends the same key, so the first attempt can't count twice.
  private readonly redeemKeys = new Map<string, string>();
  private refusedGeneration = -1;

  constructor(
    private readonly host: Host,
    private readonly changed: () => void,
  ) {}

  get started(): boolean {
    return this.api !== null;
  }

  start(withLists: boolean) {
    if (this.api) return;
    this.restart(withLists);
  }

  restart(withLists: boolean) {
    const generation = ++this.generation;
    const business = this.host.getAttribute("business") ?? "";
    this.api = apiClient(this.host.apiOrigin, business, this.host.token);
    this.state = { ...emptyState(), program: this.override };
    this.listsWanted = withLists;
    if (!business) this.state.programError = new ApiError(404, "NOT_FOUND", "");
    else if (!this.override) void this.fetch(generation, "program", "programError", (api) => api.program());
    if (business && this.host.token) void this.fetch(generation, "me", "meError", (api) => api.me()).then(() => this.listsWanted && this.loadLists());
    this.changed();
  }

  useProgram(program: Program | null) {
    this.override = program;
    if (program) {
      this.state.program = program;
      this.state.programError = null;
      this.changed();
    } else if (this.api) this.restart(this.listsWanted);
  }

  // The customer's lists, once per token, when someone looks (the panel opens, or page mode).
  loadLists() {
    this.listsWanted = true;
    const me = this.state.me;
    if (!me?.member || this.state.history !== null) return;
    this.refreshLists(this.generation);
  }

  closed() {
    this.state.confirming = null;
    this.state.redeemError = null;
  }

  private refreshLists(generation: number) {
    void this.fetch(generation, "rewards", null, async (api) => (await api.rewards()).items);
    void this.fetch(generation, "history", null, async (api) => (await api.history()).items);
    void this.fetch(generation, "redemptions", null, async (api) => (await api.redemptions()).items);
    if (this.state.program?.referral !== null) void this.fetch(generation, "referral", null, (api) => api.referral());
  }

  private async fetch<K extends "program" | "me" | "rewards" | "history" | "redemptions" | "referral">(
    generation: number,
    key: K,
    errorKey: "programError" | "meError" | null,
    load: (api: Api) => Promise<WidgetState[K]>,
  ): Promise<void> {
    try {
      const value = await load(this.api!);
      // A page that set `program` while /program was on its way keeps its own.
      if (generation !== this.generation || (key === "program" && this.override)) return;
      this.state[key] = value;
      if (errorKey) this.state[errorKey] = null;
    } catch (error) {
      if (generation !== this.generation) return;
      const failure = error instanceof ApiError ? error : new ApiError(0, "NETWORK", "");
      this.tokenRefused(failure, generation);
      if (errorKey) this.state[errorKey] = failure;
      // A list that fails is shown empty rather than as a broken panel; the card says the rest.
      else if (key !== "referral") this.state[key] = [] as unknown as WidgetState[K];
    }
    this.changed();
  }

  // The page hears once per token that it was refused: expired (fetch a fresh one) or invalid
  // (signed out: a member page drops its session), not once per request that failed with it.
  private tokenRefused(failure: ApiError, generation: number) {
    if (generation === this.refusedGeneration || (failure.code !== "TOKEN_EXPIRED" && failure.code !== "TOKEN_INVALID")) return;
    this.refusedGeneration = generation;
    this.emit(failure.code === "TOKEN_EXPIRED" ? "loyalty:token-expired" : "loyalty:token-invalid", null, false);
  }

  private emit(type: string, detail: unknown, cancelable: boolean): boolean {
    return this.host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  readonly actions: Actions = {
    askRedeem: (rewardId) => {
      if (this.state.redeeming) return;
      if (!this.redeemKeys.has(rewardId)) this.redeemKeys.set(rewardId, newKey());
      this.state = { ...this.state, confirming: rewardId, redeemError: null };
      this.host.render(`confirm-${rewardId}`);
    },
    cancelRedeem: () => {
      const rewardId = this.state.confirming;
      this.state = { ...this.state, confirming: null, redeemError: null };
      this.host.render(rewardId ? `redeem-${rewardId}` : undefined);
    },
    confirmRedeem: (rewardId) => void this.redeem(rewardId),
    copy: (text, target) => {
      void copyText(text, target).then((copied) => {
        this.state.status = copied ? "copied" : "";
        this.changed();
        setTimeout(() => {
          this.state.status = "";
          this.changed();
        }, 3000);
      });
    },
    signIn: () => {
      const url = this.host.getAttribute("sign-in-url");
      if (!this.emit("loyalty:sign-in", { url }, true)) return;
      if (url && isWebAddress(url)) location.assign(url);
      else this.host.shadowRoot?.querySelector("[data-testid=sign-in-hint]")?.removeAttribute("hidden");
    },
    retry: () => this.restart(this.listsWanted),
  };

  // One request per confirmation: the key was made when the confirm step opened and is sent
  // again if the customer confirms again after a failure, so a retry can't redeem twice.
  private async redeem(rewardId: string) {
    if (this.state.redeeming || this.state.confirming !== rewardId) return;
    const generation = this.generation;
    const key = this.redeemKeys.get(rewardId) ?? newKey();
    this.redeemKeys.set(rewardId, key);
    this.state = { ...this.state, redeeming: true, redeemError: null };
    this.host.render(`confirm-${rewardId}`);
    try {
      const answer = await this.api!.redeem(rewardId, key);
      if (generation !== this.generation) return;
      this.redeemKeys.delete(rewardId);
      const me = this.state.me?.member ? { ...this.state.me, balance: answer.balanceAfter } : this.state.me;
      this.state = { ...this.state, me, redeeming: false, confirming: null, redeemed: answer.redemption };
      this.emit("loyalty:redeemed", answer, false);
      this.host.render("redeemed");
      void this.fetch(generation, "me", "meError", (api) => api.me());
      this.refreshLists(generation);
    } catch (error) {
      if (generation !== this.generation) return;
      const failure = error instanceof ApiError ? error : new ApiError(0, "NETWORK", "");
      this.tokenRefused(failure, generation);
      // A refusal (4xx but a wait) redeemed nothing: the next try is a new request.
      if (failure.status >= 400 && failure.status < 500 && failure.status !== 429 && failure.code !== "IDEMPOTENCY_IN_PROGRESS") this.redeemKeys.delete(rewardId);
      this.state = { ...this.state, redeeming: false, redeemError: { rewardId, error: failure } };
      this.host.render(`confirm-${rewardId}`);
    }
  }
}

function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// sign-in-url is the store's, but never a javascript: or data: address.
function isWebAddress(url: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(url, location.href).protocol);
  } catch {
    return false;
  }
}
