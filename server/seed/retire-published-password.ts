// Earlier releases seeded every install's demo owner with a password printed in the README
// ("demo-password"). Flagging it "must change" is not enough: the change form asks for the
// current password, which anyone could read, so the first stranger to sign in would pick the
// new one. At start the published password is replaced by a random one, shown once to whoever
// runs the server, and still temporary.
import { randomPassword } from "../accounts/one-time-token";
import { hashPassword, verifyPassword } from "../auth/password";
import type { Db } from "../db/client";
import { DEMO } from "./seed-demo";

const PUBLISHED = "demo-password";

export async function retirePublishedDemoPassword(db: Db): Promise<{ email: string; password: string } | null> {
  const owner = await db.user.findUnique({ where: { email: DEMO.ownerEmail } });
  if (!owner || !(await verifyPassword(PUBLISHED, owner.passwordHash))) return null;
  const password = randomPassword();
  const passwordHash = await hashPassword(password);
  // Only the hash we checked: a change made meanwhile by its owner stands.
  const { count } = await db.user.updateMany({
    where: { id: owner.id, passwordHash: owner.passwordHash },
    data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } },
  });
  return count === 1 ? { email: owner.email, password } : null;
}
