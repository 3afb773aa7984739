import { parse } from 'tldts';
import { GAMBLING_TLDS, INVITES, PAYMENTS, REPUTABLE, REPUTABLE_SUFFIXES, SHORTENERS } from './destinations.js';

/** Where a link goes, as the ad filter weighs it. */
export type LinkKind = 'allowed' | 'reputable' | 'invite' | 'telegram' | 'shortener' | 'redirect' | 'payment' | 'gambling' | 'ip' | 'unknown';

export interface Link {
  kind: LinkKind;
  /** The host, without www. */
  host: string;
  /** What the reputable destination is (docs, code, course…). */
  category?: string;
}

const REPUTABLE_INDEX: ReadonlyMap<string, string> = new Map(Object.entries(REPUTABLE).flatMap(([category, hosts]) => hosts.map((h) => [h, category] as const)));
/** Betting sites hide behind ordinary TLDs too: bet365-ish labels, "vip888", "bc1". */
const GAMBLING_LABEL = /(?:^|[.-])(?:bet\d*|casino|bc\d+|vip\d{3,}|\d{3,}vip|qipai)(?:[.-]|$)/;
/** A query value that is itself an address: the link redirects, whatever its first host. */
const ADDRESS = /^(?:https?:|www\.)/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function reputable(host: string, domain: string, suffix: string | null): string | undefined {
  // The host itself, then each parent down to the registrable domain (docs.python.org → python.org).
  for (let h = host; ; h = h.slice(h.indexOf('.') + 1)) {
    const category = REPUTABLE_INDEX.get(h);
    if (category) return category;
    if (h === domain || !h.includes('.')) break;
  }
  return suffix && REPUTABLE_SUFFIXES.has(suffix) ? 'education' : undefined;
}

/** A domain the owner allowed, or any host under it. */
export function allowedHost(host: string, allow: readonly string[]): boolean {
  return allow.some((a) => host === a || host.endsWith(`.${a}`));
}

/** Where `url` goes: the owner's allow list first, then the destinations kept as data. */
export function classifyLink(url: string, allow: readonly string[]): Link {
  let u: URL;
  try {
    u = new URL(HAS_SCHEME.test(url) ? url : `http://${url}`);
  } catch {
    return { kind: 'unknown', host: url.slice(0, 60) };
  }
  const host = u.hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  if (allowedHost(host, allow)) return { kind: 'allowed', host };
  const p = parse(host);
  if (p.isIp) return { kind: 'ip', host };
  const domain = p.domain ?? host;
  if (INVITES.some(([h, prefix]) => host === h && u.pathname.startsWith(prefix))) return { kind: 'invite', host };
  if (host === 't.me' || host === 'telegram.me') return { kind: 'telegram', host };
  if (SHORTENERS.has(host) || SHORTENERS.has(domain)) return { kind: 'shortener', host };
  for (const value of u.searchParams.values()) if (ADDRESS.test(value)) return { kind: 'redirect', host };
  if (PAYMENTS.has(host) || PAYMENTS.has(domain)) return { kind: 'payment', host };
  if ((p.publicSuffix && GAMBLING_TLDS.has(p.publicSuffix)) || GAMBLING_LABEL.test(host)) return { kind: 'gambling', host };
  const category = reputable(host, domain, p.publicSuffix);
  return category ? { kind: 'reputable', host, category } : { kind: 'unknown', host };
}

/** A link to somewhere reputable or owner-allowed: no evidence of an ad. */
export const vouchedFor = (l: Link): boolean => l.kind === 'allowed' || l.kind === 'reputable';

/** How much a link of each kind alone says "ad" (reputable and allowed ones say nothing). */
export const LINK_SCORES: Readonly<Record<Exclude<LinkKind, 'allowed' | 'reputable'>, number>> = {
  invite: 0.9,
  payment: 0.85,
  gambling: 0.85,
  shortener: 0.75,
  redirect: 0.7,
  telegram: 0.6,
  ip: 0.6,
  unknown: 0.35,
};
