"use client";
// The way back to a hidden getting-started checklist; shown only while it is hidden and some
// step is still open (a finished checklist stays away on its own).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";

export function OnboardingRestore() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onboarding = useQuery(trpc.settings.onboarding.queryOptions({}));
  const restore = useMutation(
    trpc.settings.dismissOnboarding.mutationOptions({
      onSuccess: () => {
        toast.success("The getting-started checklist is back on the Customers page.");
        void queryClient.invalidateQueries({ queryKey: trpc.settings.onboarding.queryKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  if (!onboarding.data?.dismissed || onboarding.data.complete) return null;
  return (
    <p className="mt-6 flex flex-wrap items-center gap-2 text-sm text-slate-600">
      You hid the getting-started checklist.
      <Button variant="secondary" size="sm" loading={restore.isPending} onClick={() => restore.mutate({ dismissed: false })}>
        Show the checklist again
      </Button>
    </p>
  );
}
