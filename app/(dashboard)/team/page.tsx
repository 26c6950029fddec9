import type { Metadata } from "next";
import { OwnerGate } from "../_components/owner-gate";
import { TeamPanel } from "./_components/team-panel";

export const metadata: Metadata = { title: "Team" };

export default function TeamPage() {
  return (
    <OwnerGate what="the team">
      <TeamPanel />
    </OwnerGate>
  );
}
