import { ZodError } from "zod";
import { AppError } from "@/server/errors";

// The sentence a form shows for a refused action; anything unexpected is rethrown (and shown
// as the generic error page) rather than described.
export function formError(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (error instanceof ZodError) {
    const first = error.issues[0];
    return first ? `${first.message.charAt(0).toUpperCase()}${first.message.slice(1)}.` : "Please check the form.";
  }
  throw error;
}
