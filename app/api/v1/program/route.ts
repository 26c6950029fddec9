import { db } from "@/server/db/client";
import { getProgramSettings, updateProgramSettings } from "@/server/program/program-settings";
import { apiRoute } from "@/server/rest/api-route";
import { getProgramOperation, updateProgramOperation } from "@/server/rest/operations/program-operations";

// GET /api/v1/program: the business's program rules (the portal's settings page reads the same).
export const GET = apiRoute(getProgramOperation, async ({ actor }) => getProgramSettings(db, actor));

// PUT /api/v1/program: replace the rules, audited field by field.
// One transaction, so the audit's "from" is what this change replaced.
export const PUT = apiRoute(updateProgramOperation, async ({ actor, body }) => db.$transaction((tx) => updateProgramSettings(tx, actor, body)));
