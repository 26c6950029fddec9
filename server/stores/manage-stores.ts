// A business's stores: created, listed, read and changed (closing one is `active: false`; a
// store is never deleted, since entries will name it). Every change is audited.
import { z } from "zod";
import type { Actor } from "../actors/actor";
import { fieldChanges, recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import type { Store } from "../db/generated/client";
import { isUniqueViolation } from "../db/prisma-errors";
import { AppError } from "../errors";
import { createStoreInput, updateStoreInput, type CreateStoreInput, type UpdateStoreInput } from "./store-schemas";

export type PublicStore = Pick<Store, "id" | "name" | "code" | "address" | "active" | "createdAt" | "updatedAt">;

const toPublicStore = ({ id, name, code, address, active, createdAt, updatedAt }: Store): PublicStore => ({ id, name, code, address, active, createdAt, updatedAt });

// A code clash is the integrator's to fix: say which store has it. Looked up before the write,
// since inside a transaction (the portal's) nothing can be read after a unique violation; the
// violation itself is then only a race with another write, answered without the name.
async function refuseTakenCode(db: DbOrTx, businessId: string, code: string | undefined, exceptId?: string): Promise<void> {
  if (code === undefined) return;
  const holder = await db.store.findFirst({ where: { businessId, code, ...(exceptId && { id: { not: exceptId } }) } });
  if (holder) throw codeTaken(code, holder);
}

const codeTaken = (code: string, holder?: Store) =>
  new AppError("ALREADY_EXISTS", `Store code ${code} is taken by ${holder ? `"${holder.name}" (${holder.id})` : "another store"}.`);

export async function findStore(db: DbOrTx, actor: Actor, id: string): Promise<Store> {
  const row = z.guid().safeParse(id).success ? await db.store.findFirst({ where: { businessId: actor.businessId, id } }) : null;
  if (!row) throw new AppError("NOT_FOUND", "No such store in this business.");
  return row;
}

// A store named the way writes name it (our id or its code, any case), open or closed: for
// filters over history, where a closed store's entries are still wanted.
export async function storeIdFor(db: DbOrTx, businessId: string, ref: string): Promise<string> {
  const byId = z.guid().safeParse(ref).success;
  const row = await db.store.findFirst({ where: byId ? { businessId, id: ref.toLowerCase() } : { businessId, code: ref.trim().toUpperCase() }, select: { id: true } });
  if (!row) throw new AppError("VALIDATION_ERROR", "Invalid request: storeId names no store of this business (give our store id or your store code).");
  return row.id;
}

export async function createStore(db: DbOrTx, actor: Actor, input: CreateStoreInput): Promise<PublicStore> {
  const data = createStoreInput.parse(input);
  await refuseTakenCode(db, actor.businessId, data.code);
  try {
    const row = await db.store.create({ data: { ...data, businessId: actor.businessId } });
    await recordAudit(db, actor, { action: "store.created", targetType: "store", targetId: row.id, details: { name: row.name, code: row.code } });
    return toPublicStore(row);
  } catch (error) {
    throw isUniqueViolation(error) ? codeTaken(data.code) : error;
  }
}

// `active` as the adapters parsed it (the REST query's "true"/"false" by listStoresInput).
export async function listStores(db: DbOrTx, actor: Actor, filter: { active?: boolean } = {}): Promise<PublicStore[]> {
  const { active } = filter;
  const rows = await db.store.findMany({ where: { businessId: actor.businessId, active }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return rows.map(toPublicStore);
}

export async function getStore(db: DbOrTx, actor: Actor, input: { id: string }): Promise<PublicStore> {
  return toPublicStore(await findStore(db, actor, input.id));
}

export async function updateStore(db: DbOrTx, actor: Actor, input: UpdateStoreInput): Promise<PublicStore> {
  const { id, ...changes } = updateStoreInput.parse(input);
  const before = await findStore(db, actor, id);
  await refuseTakenCode(db, actor.businessId, changes.code, id);
  let row: Store;
  try {
    row = await db.store.update({ where: { businessId_id: { businessId: actor.businessId, id } }, data: changes });
  } catch (error) {
    throw isUniqueViolation(error) ? codeTaken(changes.code!) : error;
  }
  const details = fieldChanges(before, row, ["name", "code", "address", "active"]);
  if (details) {
    await recordAudit(db, actor, { action: "store.updated", targetType: "store", targetId: id, details });
  }
  return toPublicStore(row);
}
