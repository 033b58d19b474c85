import { BlockList, isIP } from "node:net";

// Which address a request came from, for throttles, rate limits and the audit log. A client can
// write anything into X-Forwarded-For, so the chain is read from the right: the last hop is the
// socket's peer (the portal's own server appends it, scripts/lib/http-server.ts), and each hop
// is believed only while the hop after it is a configured proxy. The first address that is not a
// trusted proxy is the client. With no proxies configured that is always the socket's peer.

export type TrustedProxies = BlockList;

/** Normalises one hop: IPv4-mapped IPv6 to IPv4, brackets and ports removed; null if not an address. */
export function normaliseAddress(raw: string): string | null {
  let v = raw.trim();
  if (!v) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  const zone = v.indexOf("%");
  if (zone > 0) v = v.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(v);
  if (mapped) v = mapped[1]!;
  return isIP(v) ? v.toLowerCase() : null;
}

/**
 * Parses TRUSTED_PROXIES: addresses and CIDR ranges separated by commas or spaces
 * ("10.0.0.0/8, 192.0.2.10, fd00::/8"). Throws on an entry that is neither.
 */
export function parseTrustedProxies(setting: string | undefined | null): TrustedProxies {
  const list = new BlockList();
  for (const entry of (setting ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address, prefix, extra] = entry.split("/");
    const normalised = address ? normaliseAddress(address) : null;
    if (!normalised || extra !== undefined) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address or CIDR range`);
    const family = isIP(normalised) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(normalised, family);
    else {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === "ipv4" ? 32 : 128)) throw new Error(`TRUSTED_PROXIES: "${entry}" has a bad prefix length`);
      list.addSubnet(normalised, bits, family);
    }
  }
  return list;
}

const isTrusted = (proxies: TrustedProxies, address: string) => proxies.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");

/** Whether the socket's peer is one of the configured proxies (whose X-Forwarded-* headers count). */
export function isTrustedPeer(peer: string | undefined, proxies: TrustedProxies): boolean {
  const address = peer ? normaliseAddress(peer) : null;
  return address !== null && isTrusted(proxies, address);
}

/**
 * The client's address from an X-Forwarded-For chain whose last entry is the socket's peer: the
 * right-most hop that is not a trusted proxy. An unreadable hop ends the walk (nothing to its left
 * can be believed), and so does the left end of a chain of trusted proxies.
 */
export function clientAddressFromChain(forwardedFor: string | null | undefined, proxies: TrustedProxies): string | null {
  if (!forwardedFor) return null;
  const hops = forwardedFor.split(",");
  let candidate: string | null = null;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i]!);
    if (!hop) return candidate;
    candidate = hop;
    if (!isTrusted(proxies, hop)) return hop;
  }
  return candidate;
}

/**
 * What the portal's server writes into X-Forwarded-For before Next.js sees the request: the
 * incoming chain is kept only when the peer is a trusted proxy (who may tell us about hops before
 * it), and the peer itself is always appended. So the last entry is never the client's word.
 */
export function forwardedForHeader(incoming: string | string[] | undefined, peer: string | undefined, proxies: TrustedProxies): string {
  const self = (peer && normaliseAddress(peer)) || "0.0.0.0";
  const chain = Array.isArray(incoming) ? incoming.join(", ") : incoming;
  return chain && isTrustedPeer(self, proxies) ? `${chain}, ${self}` : self;
}
