// When the portal retries a failed query. A 4xx (not found, forbidden, bad input) answers the
// same on every try, so retrying only shows placeholders for seconds before the message: an
// unknown or erased customer must say "not found" at once. Network failures, 5xx and 503s
// (database busy) are worth two more tries. A TRPCClientError's text is its message, not its
// code, so the code is read from its data (matching on the text never saw "NOT_FOUND").
export const MAX_QUERY_RETRIES = 2;

export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_QUERY_RETRIES) return false;
  const status = (error as { data?: { httpStatus?: unknown } | null } | null)?.data?.httpStatus;
  return !(typeof status === "number" && status >= 400 && status < 500);
}
