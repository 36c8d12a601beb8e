import "server-only";
// The address a rate limit counts by: an IPv4 address as it is, an IPv6 one by its /64 (one customer's
// network hands out 2^64 addresses, so counting them one by one limits nothing).
import { isIPv6 } from "node:net";

/** "1.2.3.4" → itself; "::ffff:1.2.3.4" → "1.2.3.4"; "2001:db8:1:2:a:b:c:d" → "2001:db8:1:2::/64". */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ""] = address.toLowerCase().split("::");
  const left = head === "" ? [] : head.split(":");
  const right = address.includes("::") ? (tail === "" ? [] : tail.split(":")) : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
