"use client";
// The getting-started checklist an owner sees on the landing page until every step is done or
// they hide it. Ticks come from the server (what the business has actually done); nothing here
// stores progress.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import type { OnboardingStep } from "@/server/onboarding/get-onboarding";

const STEPS: Record<OnboardingStep, { title: string; description: string; href?: string; action?: string }> = {
  apiKey: { title: "Create an API key", description: "Your till, online store or back office uses it to award and redeem points.", href: "/api-keys", action: "Create a key" },
  firstAward: { title: "Make a first award", description: "Run this from a terminal with your key pasted in, or award points from a customer's page." },
  teammate: { title: "Invite a teammate", description: "Staff look up customers and adjust points; owners also manage keys and settings.", href: "/team", action: "Invite someone" },
  earnRule: { title: "Set the earn rule", description: "How many points a purchase earns: per currency unit spent, or per visit or item.", href: "/settings", action: "Open settings" },
  reward: { title: "Add a reward", description: "Something customers spend points on, such as a free coffee.", href: "/rewards", action: "Add a reward" },
};

export function OnboardingChecklist() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const origin = typeof window === "undefined" ? undefined : window.location.origin;
  const onboarding = useQuery(trpc.settings.onboarding.queryOptions({ origin }));
  const dismiss = useMutation(
    trpc.settings.dismissOnboarding.mutationOptions({
      onSuccess: () => {
        toast.success("Checklist hidden. Every step stays available from the menu.");
        void queryClient.invalidateQueries({ queryKey: trpc.settings.onboarding.queryKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  // Loading, failed, dismissed or finished: the landing page is shown as it always was.
  if (!onboarding.data || onboarding.data.dismissed || onboarding.data.complete) return null;
  const { steps, awardCurl } = onboarding.data;
  const doneCount = steps.filter((s) => s.done).length;
  return (
    <section aria-labelledby="onboarding-title" data-testid="onboarding-checklist" className="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="onboarding-title" className="text-base font-semibold">Get your programme running</h2>
          <p className="text-sm text-slate-600" data-testid="onboarding-progress">{doneCount} of {steps.length} steps done</p>
        </div>
        <Button variant="ghost" size="sm" loading={dismiss.isPending} onClick={() => dismiss.mutate({ dismissed: true })}>
          Hide checklist
        </Button>
      </div>
      <ol className="mt-4 space-y-3">
        {steps.map(({ id, done }) => {
          const step = STEPS[id];
          return (
            <li key={id} data-testid={`onboarding-step-${id}`} data-done={done} className="flex gap-3">
              <span
                aria-hidden
                className={`mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${done ? "bg-emerald-600 text-white" : "ring-2 ring-inset ring-slate-300"}`}
              >
                {done ? "✓" : ""}
              </span>
              <div className="min-w-0 flex-1">
                <p className={`text-sm font-medium ${done ? "text-slate-500 line-through" : ""}`}>
                  {step.title}
                  <span className="sr-only">{done ? " (done)" : " (to do)"}</span>
                </p>
                <p className="text-sm text-slate-600">{step.description}</p>
                {id === "firstAward" && !done && <CurlLine text={awardCurl} />}
                {step.href && !done && (
                  <Link href={step.href} className="mt-1 inline-block text-sm font-medium text-brand-700 hover:underline">
                    {step.action}
                  </Link>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

// Scrolls inside its own box so a phone-width page never scrolls sideways.
function CurlLine({ text }: { text: string }) {
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => toast.success("Copied. Paste your key in place of the placeholder."),
      () => toast.error("Your browser did not allow copying: select the text instead."),
    );
  return (
    <div className="mt-2">
      <pre data-testid="onboarding-curl" className="keep-dark max-w-full overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">{text}</pre>
      <Button variant="secondary" size="sm" className="mt-2" onClick={copy}>Copy command</Button>
    </div>
  );
}
