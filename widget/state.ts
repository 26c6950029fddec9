// What the panel shows, in one object: the element fetches into it and re-renders from it.
import type { ApiError } from "./api";
import type { MessageKey } from "./messages";
import type { Entry, Member, Program, Redemption, Referral, Reward } from "./types";

export type WidgetState = {
  program: Program | null;
  programError: ApiError | null;
  me: Member | null;
  meError: ApiError | null;
  rewards: Reward[] | null;
  history: Entry[] | null;
  redemptions: Redemption[] | null;
  referral: Referral | null;
  // The reward whose "Redeem" was pressed and awaits confirmation; its key is made on Confirm.
  confirming: string | null;
  redeeming: boolean;
  redeemError: { rewardId: string; error: ApiError } | null;
  redeemed: Redemption | null;
  // Short news ("Copied") in the panel's live region.
  status: MessageKey | "";
};

export const emptyState = (): WidgetState => ({
  program: null,
  programError: null,
  me: null,
  meError: null,
  rewards: null,
  history: null,
  redemptions: null,
  referral: null,
  confirming: null,
  redeeming: false,
  redeemError: null,
  redeemed: null,
  status: "",
});

export type Actions = {
  askRedeem(rewardId: string): void;
  confirmRedeem(rewardId: string): void;
  cancelRedeem(): void;
  copy(text: string, target: HTMLElement): void;
  signIn(): void;
  retry(): void;
};
