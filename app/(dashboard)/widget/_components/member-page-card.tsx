"use client";
// The member page (/m/<publicId>): its address, a QR code for it (drawn by our server, see
// member-page-qr.ts), and a poster to print for the till. Printing shows the poster alone.
import { useQuery } from "@tanstack/react-query";
import { createPortal } from "react-dom";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorState, Skeleton } from "@/components/ui/states";
import { CopyBlock } from "./copy-block";

// On paper only the poster, a child of <body> (a portal) so everything else can simply not be
// displayed: one page, no blank ones after it. Plain colours (not the slate scale, which dark
// mode turns over) so it prints black on white either way.
const PRINT_CSS = "@media print { body > :not(#member-poster) { display: none !important; } }";

export function MemberPageCard({ enabled }: { enabled: boolean }) {
  const trpc = useTRPC();
  const origin = typeof window === "undefined" ? undefined : window.location.origin;
  const page = useQuery(trpc.widget.memberPage.queryOptions({ origin }));
  return (
    <Card title="Member page" action={<Button size="sm" variant="secondary" disabled={!page.data} onClick={() => window.print()}>Print poster</Button>}>
      {page.error ? (
        <ErrorState message={page.error.message} />
      ) : !page.data ? (
        <Skeleton className="h-40 w-full" />
      ) : (
        <div className="flex flex-col gap-5 sm:flex-row sm:items-start">
          <div
            role="img"
            aria-label={`QR code for ${page.data.url}`}
            data-testid="member-qr"
            className="size-40 shrink-0 overflow-hidden rounded-lg border border-slate-200 [&>svg]:size-full"
            dangerouslySetInnerHTML={{ __html: page.data.qrSvg }}
          />
          <div className="min-w-0 flex-1 space-y-3 text-sm text-slate-600">
            <p>Customers scan the code, or open the address, to see their points and rewards on their phone.</p>
            <CopyBlock label="Member page address" text={page.data.url} testId="member-url" what="Address copied" />
            {!enabled && <p className="text-amber-800">The widget is switched off: the page answers &ldquo;not found&rdquo; until you switch it on.</p>}
          </div>
          {createPortal(<Poster {...page.data} />, document.body)}
        </div>
      )}
    </Card>
  );
}

function Poster({ businessName, url, qrSvg }: { businessName: string; url: string; qrSvg: string }) {
  return (
    <div id="member-poster" data-testid="member-poster" style={{ background: "#fff", color: "#000" }} className="hidden min-h-screen flex-col items-center justify-center gap-8 p-12 text-center print:flex">
      <style>{PRINT_CSS}</style>
      <p style={{ fontSize: "32pt", fontWeight: 700 }}>{businessName}</p>
      <div role="img" aria-label={`QR code for ${url}`} style={{ width: "9cm", height: "9cm" }} className="[&>svg]:size-full" dangerouslySetInnerHTML={{ __html: qrSvg }} />
      <p style={{ fontSize: "22pt", fontWeight: 600 }}>Scan to see your points</p>
      <p style={{ fontSize: "11pt" }}>{url}</p>
    </div>
  );
}
