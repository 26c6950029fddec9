import type { Metadata } from "next";
import { MemberFrame } from "./_components/member-frame";

export const metadata: Metadata = { title: "Not found", robots: { index: false, follow: false } };

export default function MemberNotFound() {
  return (
    <MemberFrame title="No rewards page here">
      <p className="text-sm text-slate-600">This shop has no rewards page, or has switched it off. Check the link or QR code with the shop.</p>
    </MemberFrame>
  );
}
