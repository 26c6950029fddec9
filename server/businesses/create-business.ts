// A business and its first owner, in one transaction. An existing user (same email) becomes
// owner of the new business too; their password is not changed.
import { z } from "zod";
import { hashPassword } from "../auth/password";
import { newPasswordSchema } from "../auth/password-policy";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/prisma-errors";
import { AppError } from "../errors";

export const createBusinessInput = z.object({
  name: z.string().trim().min(1, "name is required").max(120),
  ownerEmail: z.email("owner email must be a valid email address").transform((e) => e.toLowerCase()),
  ownerPassword: newPasswordSchema,
  ownerName: z.string().trim().max(120).optional(),
  // The password was chosen by someone other than the owner (CLI, demo seed): they must
  // replace it at their first sign-in. Only applies to a newly created owner account.
  ownerMustChangePassword: z.boolean().default(false),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "slug may hold lower-case letters, digits and single dashes")
    .max(60)
    .optional(),
});

export type CreateBusinessInput = z.input<typeof createBusinessInput>;

export async function createBusiness(db: Db, input: CreateBusinessInput) {
  const data = createBusinessInput.parse(input);
  const slug = data.slug ?? (await freeSlug(db, slugify(data.name)));
  if (data.slug && (await db.business.findUnique({ where: { slug } }))) {
    throw new AppError("ALREADY_EXISTS", `A business with the slug "${slug}" already exists.`);
  }
  const passwordHash = await hashPassword(data.ownerPassword);
  const created = db.$transaction(async (tx) => {
    const business = await tx.business.create({ data: { name: data.name, slug } });
    const owner = await tx.user.upsert({
      where: { email: data.ownerEmail },
      create: { email: data.ownerEmail, passwordHash, name: data.ownerName, mustChangePassword: data.ownerMustChangePassword },
      update: {},
    });
    await tx.membership.create({ data: { businessId: business.id, userId: owner.id, role: "OWNER" } });
    return { business, owner: { id: owner.id, email: owner.email } };
  });
  return created.catch((error: unknown) => {
    if (isUniqueViolation(error)) throw new AppError("ALREADY_EXISTS", `A business with the slug "${slug}" already exists.`);
    throw error;
  });
}

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // drop the accents NFKD split off
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
  return slug || "business";
}

async function freeSlug(db: Db, base: string): Promise<string> {
  const taken = await db.business.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
  const used = new Set(taken.map((b) => b.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
