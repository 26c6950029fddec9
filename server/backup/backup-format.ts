// The backup file: gzip of a header line, a JSON manifest line, then each table's rows in
// COPY's text format ended by a line `\.`. COPY escapes every backslash in the data, so no row
// can be that line: tables split without lengths or guesswork (pg_dump's plain format does the
// same). Read as a stream, one line at a time: a table is never held in memory.
import { z } from "zod";

export const MAGIC = "LOYALTY-LEDGER-BACKUP 1";
export const END_OF_TABLE = "\\.";

export const manifestSchema = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  // The schema version: the app's applied migrations, oldest first.
  migrations: z.array(z.string()),
  tables: z.array(z.object({ name: z.string(), columns: z.array(z.string()).min(1), rows: z.int().nonnegative() })),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string().nullable(), isCalled: z.boolean() })),
});
export type Manifest = z.infer<typeof manifestSchema>;

export class BackupFileError extends Error {}

// Lines without their "\n", as bytes (rows are UTF-8, and a chunk may end mid-character).
export async function* lines(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of input) {
    let data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
      yield data.subarray(start, end);
      start = end + 1;
    }
    data = data.subarray(start);
    rest = Buffer.from(data);
  }
  if (rest.length) throw new BackupFileError("The backup file ends in the middle of a line: it is truncated.");
}

export async function readManifest(reader: AsyncIterator<Buffer>): Promise<Manifest> {
  const magic = await reader.next();
  if (magic.done || magic.value.toString() !== MAGIC) throw new BackupFileError("This is not a Loyalty Ledger backup file (or not one of a format this version reads).");
  const line = await reader.next();
  if (line.done) throw new BackupFileError("The backup file ends before its manifest: it is truncated.");
  try {
    return manifestSchema.parse(JSON.parse(line.value.toString()));
  } catch {
    throw new BackupFileError("The backup file's manifest is unreadable: the file is damaged.");
  }
}
