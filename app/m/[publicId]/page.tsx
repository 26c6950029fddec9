import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import Script from "next/script";
import { cache } from "react";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { mailConfigured } from "@/server/mail/send-mail";
import { findWidget } from "@/server/widget/find-widget";
import { MemberApp } from "./_components/member-app";
import { negotiateLocale, wordsFor } from "./_components/member-words";

// The member page: the loyalty widget's panel as a page of its own on our origin, for shops
// without a website (a QR code at the till leads here). Unknown and switched-off widgets are
// the same 404, as in the widget API.
export const dynamic = "force-dynamic";

const memberBusiness = cache(async (publicId: string) => {
  try {
    const widget = await findWidget(db, publicId);
    const business = await db.business.findUniqueOrThrow({ where: { id: widget.businessId }, select: { name: true } });
    return { publicId: widget.publicId, name: business.name };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
});

type Props = { params: Promise<{ publicId: string }> };

// A customer's own page: never indexed, and no Referer leaves it.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const business = await memberBusiness((await params).publicId);
  const { t } = wordsFor(negotiateLocale((await headers()).get("accept-language")));
  return { title: business ? t("pageTitle", { business: business.name }) : "Not found", robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function MemberPage({ params }: Props) {
  const business = await memberBusiness((await params).publicId);
  if (!business) notFound();
  return (
    <>
      <Script src="/widget.js" data-mount="none" strategy="afterInteractive" />
      <MemberApp publicId={business.publicId} businessName={business.name} emailSignIn={mailConfigured()} locale={negotiateLocale((await headers()).get("accept-language"))} />
    </>
  );
}
