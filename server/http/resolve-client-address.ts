// Who is on the other end of a request: the socket's address, or, when the socket is one of
// our own proxies (TRUSTED_PROXIES), the address that proxy says it saw. Only hops we trust
// are believed: X-Forwarded-For is read from the right (each proxy appends what it saw), and
// the first entry that isn't a trusted proxy is the client. Anything a client writes to the
// left of that is ignored, so nobody can name their own address.
import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type TrustedProxies = readonly [Address, number][];

// "10.0.0.0/8, 192.168.1.7, fd00::/8": CIDRs or single addresses. Throws on a bad entry, so
// a typo fails at start-up rather than trusting nothing (or everything) in silence.
export function parseTrustedProxies(list: string): TrustedProxies {
  return list
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry): [Address, number] => {
      if (entry.includes("/")) {
        const [range, bits] = ipaddr.parseCIDR(entry);
        return range.kind() === "ipv6" && (range as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96
          ? [(range as ipaddr.IPv6).toIPv4Address(), bits - 96]
          : [range, bits];
      }
      const address = ipaddr.process(entry);
      return [address, address.kind() === "ipv4" ? 32 : 128];
    });
}

// An IPv4 client on a dual-stack socket shows up as ::ffff:1.2.3.4: one client, one key.
function parse(text: string): Address | null {
  let candidate = text.trim();
  // Some proxies add a port ("1.2.3.4:5678", "[2001:db8::1]:443").
  const bracketed = candidate.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) candidate = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(candidate)) candidate = candidate.slice(0, candidate.lastIndexOf(":"));
  // Only dotted quads: ipaddr.js would also read "1" or "0x7f.1" as IPv4 addresses.
  return ipaddr.IPv4.isValidFourPartDecimal(candidate) || ipaddr.IPv6.isValid(candidate) ? ipaddr.process(candidate) : null;
}

function isTrusted(address: Address, trusted: TrustedProxies): boolean {
  return trusted.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

// Whether the socket is one of our proxies, whose forwarding headers (X-Forwarded-*) we believe.
export function isTrustedSocket(socketAddress: string | undefined, trusted: TrustedProxies): boolean {
  const socket = socketAddress && trusted.length > 0 ? parse(socketAddress) : null;
  return socket !== null && isTrusted(socket, trusted);
}

// A socket on this machine or a private network that sends X-Forwarded-For while no proxy is
// trusted is most likely our own reverse proxy, left out of TRUSTED_PROXIES: every client then
// shares its address, and one of them can lock everyone out of signing in.
export function looksLikeUntrustedProxy(socketAddress: string | undefined): boolean {
  const socket = socketAddress ? parse(socketAddress) : null;
  return socket !== null && ["loopback", "private", "uniqueLocal", "linkLocal"].includes(socket.range());
}

// What per-address limits count by: the address itself, except that an IPv6 client counts by
// its /64, the block one subscriber usually holds whole (else rotating through it would give a
// fresh allowance per address).
export function limitKeyOf(address: string): string {
  const parsed = parse(address);
  if (!parsed || parsed.kind() === "ipv4") return address;
  const bytes = parsed.toByteArray().slice(0, 8).concat(Array(8).fill(0));
  return `${ipaddr.fromByteArray(bytes).toString()}/64`;
}

export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  const socket = socketAddress ? parse(socketAddress) : null;
  if (!socket) return socketAddress || "unknown";
  let client = socket;
  if (trusted.length === 0 || !forwardedFor) return client.toString();
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",");
  for (let i = hops.length - 1; i >= 0 && isTrusted(client, trusted); i--) {
    const hop = parse(hops[i]!);
    // A hop our own proxy wrote that isn't an address: keep the last one we can vouch for.
    if (!hop) break;
    client = hop;
  }
  return client.toString();
}

// Whether the request reached us over https: our own TLS socket, or a trusted proxy's word.
export function isHttps(encrypted: boolean, socketAddress: string | undefined, forwardedProto: string | string[] | undefined, trusted: TrustedProxies): boolean {
  if (encrypted) return true;
  if (!forwardedProto || trusted.length === 0) return false;
  const socket = socketAddress ? parse(socketAddress) : null;
  if (!socket || !isTrusted(socket, trusted)) return false;
  // Each proxy may append its own; the nearest one (right-most) is the one we trust.
  const last = (Array.isArray(forwardedProto) ? forwardedProto.join(",") : forwardedProto).split(",").pop()!;
  return last.trim().toLowerCase() === "https";
}
