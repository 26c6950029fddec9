// The customer list's limits, shared by listCustomers and the portal's table (a client
// component, so nothing server-only here).

// Counting every match of a million-customer tenant takes longer than the page itself; past
// this many the list says "10,000+" (total = EXACT_TOTAL_LIMIT, totalIsEstimate true).
export const EXACT_TOTAL_LIMIT = 10_000;
// Shorter searches have no trigram to look up in the index: they match names that start with them.
export const MIN_SUBSTRING_SEARCH = 3;
