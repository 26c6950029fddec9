import type { Metadata } from "next";
import { OwnerGate } from "../_components/owner-gate";
import { OnboardingRestore } from "./_components/onboarding-restore";
import { SettingsForm } from "./_components/settings-form";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <OwnerGate what="programme settings">
      <SettingsForm />
      <OnboardingRestore />
    </OwnerGate>
  );
}
