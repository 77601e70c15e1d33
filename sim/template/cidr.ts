import { fail, int, str, type Spec } from './values.js';

/** parseCidr, cidrSubnet, cidrHost for IPv4 ranges (the sim refuses IPv6 ones by name). */

interface Range {
  base: number;
  bits: number;
}

const dotted = (n: number): string => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
const mask = (bits: number): number => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);

function parse(fn: string, v: unknown): Range {
  const text = str(fn, v);
  if (text.includes(':')) fail(fn, `IPv6 ranges like '${text}' are not supported by the local ARM simulator`);
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  const parts = m ? m.slice(1, 5).map(Number) : [];
  const bits = m ? Number(m[5]) : -1;
  if (!m || parts.some((p) => p > 255) || bits > 32) fail(fn, `'${text}' is not an IPv4 range in CIDR notation`);
  const address = parts.reduce((acc, p) => acc * 256 + p, 0);
  return { base: (address & mask(bits)) >>> 0, bits };
}

const size = (r: Range): number => 2 ** (32 - r.bits);

export const CIDR_FUNCTIONS: Record<string, Spec> = {
  parsecidr: {
    min: 1,
    max: 1,
    fn: (a) => {
      const r = parse('parseCidr', a[0]);
      const broadcast = r.base + size(r) - 1;
      // /31 and /32 have no network and broadcast addresses to set aside.
      const reserved = r.bits >= 31 ? 0 : 1;
      return { network: dotted(r.base), netmask: dotted(mask(r.bits)), broadcast: dotted(broadcast), firstUsable: dotted(r.base + reserved), lastUsable: dotted(broadcast - reserved), cidr: r.bits };
    },
  },
  cidrsubnet: {
    min: 3,
    max: 3,
    fn: (a) => {
      const r = parse('cidrSubnet', a[0]);
      const bits = int('cidrSubnet', a[1]);
      const index = int('cidrSubnet', a[2]);
      if (bits < r.bits || bits > 32) fail('cidrSubnet', `the new CIDR ${bits} must be between ${r.bits} and 32`);
      const step = 2 ** (32 - bits);
      if (index < 0 || index >= size(r) / step) fail('cidrSubnet', `the subnet index ${index} is out of range for /${bits} subnets of /${r.bits}`);
      return `${dotted(r.base + index * step)}/${bits}`;
    },
  },
  cidrhost: {
    min: 2,
    max: 2,
    fn: (a) => {
      const r = parse('cidrHost', a[0]);
      const index = int('cidrHost', a[1]);
      const reserved = r.bits >= 31 ? 0 : 1;
      const usable = size(r) - 2 * reserved;
      if (index < 0 || index >= usable) fail('cidrHost', `the host index ${index} is out of range: the range has ${usable} usable addresses`);
      return dotted(r.base + reserved + index);
    },
  },
};
