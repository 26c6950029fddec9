// The two things a store pastes: the script tag for its pages, and a few lines on its server
// that sign the signed-in customer's token with the widget secret.
import { Card } from "@/components/ui/card";
import { CopyBlock } from "./copy-block";

const joseSnippet = `// npm install jose
import { SignJWT } from "jose";

const token = await new SignJWT({ customer: user.externalId ?? user.email })
  .setProtectedHeader({ alg: "HS256" })
  .setExpirationTime("1h") // required, at most 24 h ahead
  .sign(new TextEncoder().encode(process.env.LOYALTY_WIDGET_SECRET));`;

const sdkSnippet = `import { signCustomerToken } from "@loyalty-ledger/sdk";

const token = await signCustomerToken({
  secret: process.env.LOYALTY_WIDGET_SECRET,
  customer: user.externalId ?? user.email,
  expiresInSeconds: 3600, // at most 24 h
});`;

export function InstallCard({ embedCode }: { embedCode: string }) {
  return (
    <Card title="Add it to your store">
      <ol className="space-y-5 text-sm text-slate-600">
        <li className="space-y-2">
          <p>
            <span className="font-medium text-slate-900">1. Paste this into your store&apos;s pages</span>, before <code className="font-mono text-xs">&lt;/body&gt;</code>. For a signed-in
            customer, your server puts their token in place of <code className="font-mono text-xs">CUSTOMER_TOKEN</code>; for visitors, leave the{" "}
            <code className="font-mono text-xs">data-customer-token</code> attribute out.
          </p>
          <CopyBlock label="Script tag" text={embedCode} testId="embed-code" what="Script tag copied" />
        </li>
        <li className="space-y-2">
          <p>
            <span className="font-medium text-slate-900">2. Sign the customer&apos;s token on your server</span> with the widget secret (never in the browser). Any JWT library works:
            HS256, a <code className="font-mono text-xs">customer</code> claim (their external id, else their email) and an{" "}
            <code className="font-mono text-xs">exp</code> at most 24 hours ahead. In Node, with jose:
          </p>
          <CopyBlock label="Token signing code" text={joseSnippet} multiline what="Code copied" />
          <p>Or with our SDK:</p>
          <CopyBlock label="SDK token signing code" text={sdkSnippet} multiline what="Code copied" />
        </li>
      </ol>
    </Card>
  );
}
