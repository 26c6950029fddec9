// Customers are found by email (case-insensitive) or phone (formatting-insensitive), so both
// are stored in one canonical form and every lookup normalises its input the same way.
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// "+1 (555) 010-2000" -> "+15550102000". Without a country we cannot add one, so a leading
// "+" is kept when given and numbers are otherwise compared digit for digit.
export function normalizePhone(phone: string): string | null {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/[\s().-]/g, "");
  if (!/^\+?\d{6,15}$/.test(digits)) return null;
  return digits;
}
