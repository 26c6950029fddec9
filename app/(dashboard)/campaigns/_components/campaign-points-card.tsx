// Points issued per campaign in the analytics range (net of what refunds and cancellations took
// back), for the analytics page. Nothing shows until a campaign has given points in the range.
import Link from "next/link";
import { formatPoints } from "@/components/format";
import { Card } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";

const KIND = { SIGNUP: "Sign-up", BIRTHDAY: "Birthday", MULTIPLIER: "Multiplier" } as Record<string, string>;

export function CampaignPointsCard({ campaigns }: { campaigns: { campaignId: string; name: string; kind: string; points: number; customers: number }[] }) {
  if (campaigns.length === 0) return null;
  return (
    <Card title="Points issued per campaign (whole business)">
      <div className="-mx-4 overflow-x-auto">
        <SimpleTable dense columns={[{ label: "Campaign" }, { label: "Kind" }, { label: "Points", align: "right" }, { label: "Customers", align: "right" }]}>
          {campaigns.map((c) => (
            <tr key={c.campaignId} data-testid="campaign-points-row">
              <td className="px-4 py-2.5">
                <Link href="/campaigns" className="font-medium text-slate-900 hover:text-brand-600">{c.name}</Link>
              </td>
              <td className="px-4 py-2.5 text-slate-600">{KIND[c.kind] ?? c.kind}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{formatPoints(c.points)}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{formatPoints(c.customers)}</td>
            </tr>
          ))}
        </SimpleTable>
      </div>
    </Card>
  );
}
