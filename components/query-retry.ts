// When the portal asks again after a failed query. A refusal (4xx: bad input, no access, not
// found) answers the same on every try, and retrying it only delays the sentence the owner
// needs to read; server errors and lost connections (no status) get two more tries.
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: unknown } } | null)?.data?.httpStatus;
  const refused = typeof status === "number" && status >= 400 && status < 500;
  return failureCount < 2 && !refused;
}
