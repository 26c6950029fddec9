// Which hosts a webhook may never go to, judged from the name alone (no DNS). The address
// actually connected to is checked again at send time (post-webhook.ts); this catches what
// can be refused at once, when an endpoint is saved, with a reason the integrator can act on.
import ipaddr from "ipaddr.js";

// Names that are local by definition (RFC 6761, 6762 appendix G, 8375) or only ever
// resolve inside some network: never a receiver on the public internet.
const LOCAL_SUFFIXES = ["localhost", "local", "internal", "localdomain", "home.arpa", "lan", "corp", "home", "intranet", "private"];

// The address range of an IP literal, IPv4-mapped IPv6 unwrapped (::ffff:127.0.0.1 is
// loopback); null when `text` is not an IP address.
export function ipRange(text: string): { address: string; range: string } | null {
  const bare = text.replace(/^\[(.*)\]$/, "$1");
  if (!ipaddr.isValid(bare)) return null;
  const address = ipaddr.process(bare);
  // The deprecated IPv4-compatible form (::127.0.0.1, written ::7f00:1) wraps an IPv4 address
  // too; ipaddr.js calls it unicast. Nothing public lives in ::/96.
  if (address.kind() === "ipv6" && address.match(IPV4_COMPATIBLE)) return { address: address.toString(), range: "ipv4Compatible" };
  return { address: address.toString(), range: address.range() };
}

export const IPV4_COMPATIBLE_CIDR = "::/96";
const IPV4_COMPATIBLE = ipaddr.parseCIDR(IPV4_COMPATIBLE_CIDR);

// ipaddr.js calls the public internet "unicast"; every other range (private, loopback,
// link-local incl. 169.254.169.254, unique-local incl. fd00:ec2::254, CGNAT incl. Alibaba's
// 100.100.100.200, multicast, broadcast, unspecified, reserved, NAT64/6to4/Teredo wrappers
// that can smuggle a private IPv4) is refused.
export function nonPublicAddress(text: string): string | null {
  const found = ipRange(text);
  return found && found.range !== "unicast" ? found.address : null;
}

const decimalOctet = (token: string) => /^\d{1,3}$/.test(token) && Number(token) <= 255;

// nip.io / sslip.io style names carry an address in them and resolve to it:
// 127.0.0.1.nip.io, 10-0-0-1.sslip.io, app.192.168.1.1.nip.io, 7f000001.nip.io, --1.sslip.io.
// Returns the first non-public address found; public ones (1.2.3.4.nip.io) are fine.
function embeddedNonPublicAddress(hostname: string): string | null {
  const tokens = hostname.split(/[.-]/);
  for (let i = 0; i + 4 <= tokens.length; i++) {
    const window = tokens.slice(i, i + 4);
    if (window.every(decimalOctet)) {
      const found = nonPublicAddress(window.map(Number).join("."));
      if (found) return found;
    }
  }
  for (const label of hostname.split(".")) {
    const hex = /^(?:0x)?([0-9a-f]{8})$/.exec(label);
    if (hex) {
      const value = parseInt(hex[1]!, 16);
      const found = nonPublicAddress([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join("."));
      if (found) return found;
    }
    if (label.includes("-")) {
      // sslip.io's IPv6 spelling: dashes for colons (--1 is ::1, fe80--1 is fe80::1).
      const v6 = label.replace(/-/g, ":");
      if (ipaddr.IPv6.isValid(v6)) {
        const found = nonPublicAddress(v6);
        if (found) return found;
      }
    }
  }
  return null;
}

// A sentence when the host (URL.hostname, already lower-cased and with IPv4 spellings such as
// 2130706433, 0177.0.0.1, 0x7f.1 or 127.1 turned into dotted form by the URL parser) is
// never a public receiver; null when it may be (DNS still has to agree).
export function hostProblem(hostname: string): string | null {
  const literal = ipRange(hostname);
  if (literal) {
    return literal.range === "unicast" ? null : `points to a private address (${literal.address}); webhooks can only go to public addresses`;
  }
  const name = hostname.replace(/\.$/, "");
  // A single label (https://intranet/) is looked up in the local search domains.
  if (!name.includes(".") || LOCAL_SUFFIXES.some((s) => name === s || name.endsWith(`.${s}`))) {
    return `uses the local name "${name}"; webhooks can only go to public addresses`;
  }
  const embedded = embeddedNonPublicAddress(name);
  if (embedded) return `names a private address (${embedded}); webhooks can only go to public addresses`;
  return null;
}
