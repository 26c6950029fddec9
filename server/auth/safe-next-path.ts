// Where to send the browser after sign-in, from a `?next=` anyone can put in a link. Prefix
// checks miss what URL parsers (browsers included) do: drop tabs and newlines, read "\" as "/"
// and "/\host" or "//host" as another host. So the value is parsed the way a browser would,
// against an origin nobody can own, and kept only if it stays on that origin.
const ORIGIN = "https://next-path.invalid";
export const DEFAULT_NEXT_PATH = "/customers";

export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || value === "") return DEFAULT_NEXT_PATH;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return DEFAULT_NEXT_PATH;
  }
  if (url.origin !== ORIGIN) return DEFAULT_NEXT_PATH;
  // "/.//evil.example" resolves to the path "//evil.example", which on its own names a host.
  if (url.pathname.startsWith("//")) return DEFAULT_NEXT_PATH;
  return `${url.pathname}${url.search}${url.hash}`;
}
