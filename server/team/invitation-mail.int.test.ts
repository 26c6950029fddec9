// With SMTP configured, an invitation goes to the mailbox only: the owner is told it was sent
// but never sees the link, so only the invited person can learn whether the email has an
// account or choose the password of a new one.
import { afterAll, describe, expect, it } from "vitest";
import { startSmtpSink } from "../../test/smtp-sink";
import { env } from "../env";
import { callerFor, makePortalBusiness } from "../trpc/portal-fixtures";

const sink = await startSmtpSink();
// Before the first env() of this test file's process (settings are read once).
process.env.SMTP_URL = sink.url;
afterAll(() => sink.close());

describe("invitations by email", () => {
  it("mails the link and answers the owner without it, for an existing account and a new email alike", async () => {
    expect(env().SMTP_URL).toBe(sink.url);
    const a = await makePortalBusiness("mail-a");
    const b = await makePortalBusiness("mail-b");
    const fresh = `fresh-${Date.now()}@test.dev`;
    const answers = [await callerFor(a.owner).team.invite({ email: b.staff.email }), await callerFor(a.owner).team.invite({ email: fresh })];
    for (const answer of answers) expect(answer).toMatchObject({ emailed: true, path: null });
    expect(sink.mails.map((m) => m.to[0])).toEqual([b.staff.email, fresh]);
    // Quoted-printable body: soft line breaks joined, "=3D" back to "=".
    for (const mail of sink.mails) expect(mail.data.replace(/=\n/g, "").replace(/=3D/g, "=")).toMatch(/\/invite\/[\w-]{43}/);
    // A renewed link goes the same way.
    const renewed = await callerFor(a.owner).team.renewInvitation({ id: answers[1]!.invitationId });
    expect(renewed).toMatchObject({ emailed: true, path: null });
    expect(sink.mails).toHaveLength(3);
  });
});
