// Inputs of the member page's sign-in routes (/api/widget/v1/{publicId}/member/*).
import { z } from "zod";

const email = z.string().trim().max(254, "must be at most 254 characters").pipe(z.email("must be an email address"));

export const memberCodeRequestBody = z.object({ email });

// Either the emailed code with its email, or a store's or till's sign-in link token.
export const memberSessionBody = z
  .object({
    email: email.optional(),
    code: z.string().trim().regex(/^\d{6}$/, "must be the 6-digit code from the email").optional(),
    link: z.string().max(4096).optional(),
  })
  .refine((body) => (body.link !== undefined) !== (body.email !== undefined || body.code !== undefined), "Send either email and code, or link.")
  .refine((body) => body.link !== undefined || (body.email !== undefined && body.code !== undefined), "Send both email and code.");
