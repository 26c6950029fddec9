"use client";
// The customer widget page: settings with a live preview, the secret, what to paste into the
// store, and the member page's QR code.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { PageHeader } from "@/components/ui/card";
import { ErrorState, TableSkeleton } from "@/components/ui/states";
import { InstallCard } from "./install-card";
import { MemberPageCard } from "./member-page-card";
import { WidgetSecretCard } from "./widget-secret-card";
import { WidgetSettingsForm } from "./widget-settings-form";

export function WidgetPanel() {
  const trpc = useTRPC();
  // The portal's origin builds the embed code's address when APP_URL isn't configured.
  const origin = typeof window === "undefined" ? undefined : window.location.origin;
  const settings = useQuery(trpc.widget.get.queryOptions({ origin }));
  const header = (
    <PageHeader
      title="Customer widget"
      description="Points, rewards and referrals on your own store's pages and on a member page, for your customers. Changes are recorded in the audit log."
    />
  );
  if (settings.isPending) return <>{header}<TableSkeleton rows={6} /></>;
  if (settings.error) return <>{header}<ErrorState message={settings.error.message} /></>;
  const s = settings.data;
  return (
    <>
      {header}
      <div className="space-y-6">
        <WidgetSettingsForm settings={s} />
        <div className="grid gap-6 xl:grid-cols-2">
          <WidgetSecretCard hasSecret={s.hasSecret} secretRotatedAt={s.secretRotatedAt} previousSecretExpiresAt={s.previousSecretExpiresAt} />
          <MemberPageCard enabled={s.enabled} />
        </div>
        <InstallCard embedCode={s.embedCode} />
      </div>
    </>
  );
}
