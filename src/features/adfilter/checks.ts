import { partsInOrder } from '../../text/glob.js';
import type { ModelInput } from './classifier.js';
import { type Link, LINK_SCORES, classifyLink, vouchedFor } from './links.js';
import { callsIn, hasPitchPhrase, luresIn } from './taxonomy.js';
import { PLAIN, compactText, normalizeText, toSimplified } from '../../text/normalize.js';

/** What a check needs to know about a message; no platform, no storage. */
export interface Suspect {
  kind: string;
  text: string;
  urls: readonly string[];
  qr?: string | undefined;
  /** A forward from a channel (Telegram), when known. */
  forwardedFrom?: 'channel' | 'person' | undefined;
  /** Joined recently and has no history in the group. */
  newcomer: boolean;
  /** Domains the owner allows (a company site, docs). */
  allowDomains: readonly string[];
  /** Owner block words, `*` as a wildcard. */
  blockWords: readonly string[];
  /** How many other groups saw the same text from the same sender lately. */
  sameTextElsewhere: number;
}

/** The message's text in the forms the checks read, computed once per message. */
interface Prepared extends Suspect {
  normalized: string;
  /** No spaces, punctuation or symbols: "加.微.信" → "加微信". */
  compact: string;
  /** Spaces and light punctuation out, but ids keep their _ and -, and "+v" its plus. */
  ids: string;
  /** Where each link goes. */
  links: Link[];
}

export interface Finding {
  check: string;
  /** 0–1: how strongly this alone says "ad". */
  score: number;
  /** What was found, for the process log (English, with the data). */
  detail: string;
  /** The same for people: what kind of thing (the owner's language says it) and its data. */
  what: string;
  value?: string;
  /** A link with nothing else said: the whole message is the link. */
  alone?: true;
}

/** What a finding on a link of each kind is called (the owner's language names it). */
const LINK_WHAT: Readonly<Record<string, string>> = {
  invite: 'invite-link',
  telegram: 'telegram-link',
  shortener: 'short-link',
  redirect: 'redirect-link',
  payment: 'payment-link',
  gambling: 'gambling-link',
  ip: 'ip-link',
  unknown: 'link',
};

function link(s: Prepared): Finding | undefined {
  let best: Finding | undefined;
  for (const l of s.links) {
    if (l.kind === 'allowed' || l.kind === 'reputable') continue;
    const score = LINK_SCORES[l.kind];
    if (!best || score > best.score) best = { check: 'link', score, detail: `${l.kind} ${l.host}`, what: LINK_WHAT[l.kind]!, value: l.host };
  }
  // A link dropped with nothing else said weighs more than one shared with a sentence of one's own.
  if (best && s.compact.length <= 20) best = { ...best, score: Math.min(1, best.score + 0.2), detail: `${best.detail}, with nothing else said`, alone: true };
  return best;
}

// WeChat and its disguises, then an id: 微信/薇信/威信/徽信/V信/vx/wx/+v/加V…
const WECHAT_ID = /(?:微信|薇信|威信|徽信|維信|微心|喂心|微xin|薇xin|wei信|薇|威|v信|vx|wx|weixin|wechat|加v|\+v|加微|卫星)[号:：]?([a-z][a-z0-9_-]{5,19})/;
// "vx同号" (the WeChat id is the phone number) and "+薇" before a number ask for a contact too.
const WECHAT_ASK = /(?:加|➕|\+)(?:我)?(?:微信|薇信|威信|微xin|薇xin|v信|vx|wx|微|薇|v)|(?:微信|vx|wx|v)(?:联系|详聊|私聊|同号)/;
const QQ = /(?:qq|扣扣|企鹅|q群|qq群)[号群:：]?(\d{5,11})/;
const PHONE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/;
const PRIVATE = /私聊|私我|私信我|加我|找我|联系我|详聊|dm me|pm me|contact me/;

function contact(s: Prepared): Finding | undefined {
  const text = s.ids;
  const wechat = WECHAT_ID.exec(text);
  if (wechat) return { check: 'contact', score: 0.95, detail: `WeChat id ${wechat[1]}`, what: 'wechat-id', value: wechat[1]! };
  const qq = QQ.exec(text);
  if (qq) return { check: 'contact', score: 0.9, detail: `QQ ${qq[1]}`, what: 'qq', value: qq[1]! };
  const phone = PHONE.exec(text);
  if (phone) return { check: 'contact', score: PRIVATE.test(text) || WECHAT_ASK.test(text) ? 0.9 : 0.6, detail: `phone ${phone[0].slice(0, 3)}…`, what: 'phone', value: `${phone[0].slice(0, 3)}…` };
  if (WECHAT_ASK.test(text)) return { check: 'contact', score: 0.6, detail: 'asks to add on WeChat', what: 'asks-wechat' };
  if (PRIVATE.test(text)) return { check: 'contact', score: 0.3, detail: 'asks for a private chat', what: 'asks-private' };
  return undefined;
}

function card(s: Prepared): Finding | undefined {
  if (s.kind === 'contact') return { check: 'card', score: 0.9, detail: 'contact card', what: 'contact-card' };
  if (s.kind === 'miniprogram') return { check: 'card', score: 0.6, detail: 'mini-program card', what: 'mini-program' };
  // The link inside is judged by the link check; the card itself adds little.
  if (s.kind === 'link') return { check: 'card', score: 0.2, detail: 'link card', what: 'link-card' };
  return undefined;
}

function qr(s: Prepared): Finding | undefined {
  if (s.qr === undefined) return undefined;
  if (vouchedFor(classifyLink(s.qr, s.allowDomains))) return undefined;
  return { check: 'qr', score: 0.9, detail: 'QR code in a picture', what: 'qr' };
}

function forward(s: Prepared): Finding | undefined {
  if (s.kind !== 'forward') return undefined;
  return s.forwardedFrom === 'channel'
    ? { check: 'forward', score: 0.45, detail: 'forwarded from a channel', what: 'channel-forward' }
    : { check: 'forward', score: 0.25, detail: 'forwarded', what: 'forward' };
}

const SCAM_FAMILIES: Record<string, RegExp> = {
  job: /兼职|刷单|日结|日赚|日入|躺赚|宝妈|手机就能做|足不出户|在家赚钱|招代理|代理加盟|轻松月入|work from home|earn \$?\d+.{0,10}(day|week)/,
  crypto: /usdt|币圈|合约带单|带单|空投|稳赚|跑分|卡商|收u|出u|交易所返佣|airdrop|crypto signal|forex signal|guaranteed profit/,
  gambling: /博彩|彩票计划|百家乐|棋牌|赌场|下注|时时彩|casino|betting/,
  loan: /贷款|秒批|无抵押|额度高|放款|网贷|信用卡套现|loan approved/,
  porn: /约炮|裸聊|福利姬|看片|成人视频|同城约|援交|小姐姐一对一|onlyfans/,
  shop: /代开发票|代购|淘宝店|优惠券|领券|返利|低价出售|批发|dm for price/,
};

/** A lure and a call to action together: how an ad is made (see taxonomy.ts). */
function pitch(s: Prepared): Finding | undefined {
  if (!hasPitchPhrase(s.compact)) return undefined;
  const lures = luresIn(s.compact);
  if (!lures.length) return undefined;
  const calls = callsIn(s.compact, s.links.some((l) => !vouchedFor(l)));
  if (!calls.length) return undefined;
  const score = lures.length > 1 || calls.length > 1 ? 0.9 : 0.85;
  return { check: 'pitch', score, detail: `${lures.join('+')} / ${calls.join('+')}`, what: 'pitch', value: `${lures[0]}+${calls[0]}` };
}

const SCAM_GLOBAL = Object.entries(SCAM_FAMILIES).map(([name, re]) => [name, new RegExp(re.source, 'g')] as const);

function scam(s: Prepared): Finding | undefined {
  const text = s.compact;
  let hits = 0;
  const families: string[] = [];
  for (const [name, re] of SCAM_GLOBAL) {
    const n = text.match(re)?.length ?? 0;
    if (n) families.push(name);
    hits += n;
  }
  if (!hits) return undefined;
  // One scam word can be innocent ("贷款" in a finance group); several together rarely are.
  const score = families.length > 1 || hits >= 3 ? 0.85 : hits === 2 ? 0.7 : 0.5;
  return { check: 'scam', score, detail: families.join('+'), what: 'scam', value: families.join('+') };
}

const matchers = new WeakMap<readonly string[], (compact: string) => string | undefined>();

/** Characters a block word's `*` may stand for. */
const WILDCARD_SPAN = 20;

/** "代开*发票" matches "代开增值税发票". Owner words are deliberate: a match is decisive. */
export function blockWordMatcher(words: readonly string[]): (compact: string) => string | undefined {
  const known = matchers.get(words);
  if (known) return known;
  const patterns = words.map((w) => ({ word: w, parts: w.split('*').map((part) => compactText(normalizeText(part))) }));
  const match = (compact: string) => patterns.find((p) => partsInOrder(compact, p.parts, WILDCARD_SPAN))?.word;
  // Settings hand out the same array until the owner changes it: compile once per list.
  matchers.set(words, match);
  return match;
}

function blocked(s: Prepared): Finding | undefined {
  if (!s.blockWords.length) return undefined;
  const word = blockWordMatcher(s.blockWords)(s.compact);
  return word ? { check: 'block-word', score: 1, detail: word, what: 'block-word', value: word } : undefined;
}

function sameText(s: Prepared): Finding | undefined {
  return s.sameTextElsewhere >= 2 ? { check: 'same-text', score: 0.8, detail: `posted in ${s.sameTextElsewhere + 1} groups`, what: 'same-text', value: String(s.sameTextElsewhere + 1) } : undefined;
}

/** The named checks, each independent; add one here and it takes part in every verdict. */
export const CHECKS: ((s: Prepared) => Finding | undefined)[] = [blocked, link, contact, card, qr, forward, scam, pitch, sameText];

/** Every word a text check could fire on; a plain message with none of them cannot be an ad by text. */
const TRIGGERS = new RegExp(
  [
    '微|薇|威|徽|維|喂|卫星|v信|vx|wx|weixin|wechat|\\+\\s*v|加v|qq|扣扣|企鹅|q群|\\d(?:[\\s.-]?\\d){4,}|私聊|私我|私信|加我|找我|联系我|详聊|dm me|pm me|contact me',
    ...Object.values(SCAM_FAMILIES).map((re) => re.source),
  ].join('|'),
  'i',
);

/** \s and \p{P} within plain text, without Unicode property lookups (a test holds the two equal). */
export const SPACE_OR_PUNCTUATION_PLAIN = /[\t-\r !-#%-*,-/:;?@[-\]_{}\u3001-\u3003\u3008-\u3011\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f]+/g;

/**
 * Whether the text checks can skip this message: a plain text, no link, no picture code, no owner
 * block words, and none of the words any text check looks for. (Tests hold this to the checks on
 * every labeled row: a skip never hides a finding.)
 */
export function cannotBeAdByText(s: Pick<Suspect, 'kind' | 'text' | 'urls' | 'qr' | 'blockWords'>, plain = PLAIN.test(s.text)): boolean {
  if (s.kind !== 'text' || s.urls.length || s.qr !== undefined || s.blockWords.length || !plain) return false;
  // Words are looked for across spaces and punctuation, as the checks do ("找，我" reads "找我").
  const text = toSimplified(s.text).replace(SPACE_OR_PUNCTUATION_PLAIN, '');
  return !TRIGGERS.test(text) && !hasPitchPhrase(text);
}

/** Ways to reach someone off the group: an id, a number, a card, an invite, a picture's code. */
const CHANNELS: ReadonlySet<string> = new Set(['wechat-id', 'qq', 'phone', 'contact-card', 'invite-link', 'qr']);

/**
 * Certain enough to remove a newcomer outright: a contact channel together with a lure (scam words,
 * an owner's block word). Never the model's score alone, nor a link or a channel alone: doubt is
 * the owner's to settle, and a member wrongly removed is lost.
 */
export function certainAd(findings: readonly Finding[]): boolean {
  return findings.some((f) => CHANNELS.has(f.what) && f.score >= 0.6) && findings.some((f) => f.check === 'scam' || f.check === 'pitch' || f.check === 'block-word');
}

export interface Verdict {
  /** Combined 0–1 (noisy-or of the findings, raised for newcomers). */
  score: number;
  findings: Finding[];
}

/** Below this the model's opinion is left out of the verdict (it would only add noise to the checks). */
export const MODEL_FLOOR = 0.5;
/** The text model alone (nothing found that points at an ad) removes a message only this sure. */
export const MODEL_ALONE_SURE = 0.9;
/** Below that, the model alone can at most ask the owner: just under the removal level of mode "on". */
const MODEL_ALONE_MAX = 0.84;

/** The text model, as the verdict sees it: a probability for the prepared text. */
export type TextScorer = (input: ModelInput) => number;

/** Checks that read only the message text; the others read its context (card, picture, forward, sender). */
export const TEXT_ONLY: ReadonlySet<string> = new Set(['link', 'contact', 'scam']);

const ID_SEPARATORS = /[\s:：,，。.·•、"'“”‘’()（）【】\[\]]+/g;

// Spelled out, not spread: an object spread costs microseconds here, on every suspicious message.
function prepare(s: Suspect, normalized = normalizeText(s.text), compact = compactText(normalized)): Prepared {
  return {
    kind: s.kind,
    text: s.text,
    urls: s.urls,
    qr: s.qr,
    forwardedFrom: s.forwardedFrom,
    newcomer: s.newcomer,
    allowDomains: s.allowDomains,
    blockWords: s.blockWords,
    sameTextElsewhere: s.sameTextElsewhere,
    normalized,
    compact,
    ids: normalized.replace(ID_SEPARATORS, ''),
    links: s.urls.map((u) => classifyLink(u, s.allowDomains)),
  };
}

const runChecks = (s: Prepared) => CHECKS.map((c) => c(s)).filter((f): f is Finding => !!f);

/**
 * Every link goes somewhere reputable or owner-allowed, and nothing else points at an ad (no
 * contact, picture code, card, scam words, block word): the text model alone cannot condemn a
 * member for sharing what they learn. The owner's /allow thus overrides the model too.
 */
function vouched(s: Prepared | undefined, findings: readonly Finding[]): boolean {
  return !!s?.links.length && s.links.every(vouchedFor) && nothingPointsAtAnAd(findings);
}

/** No finding says "ad" on its own (a contact, a picture code, a card, scam words, a block word…). */
const nothingPointsAtAnAd = (findings: readonly Finding[]) => !findings.some((f) => f.score >= 0.5);

const noisyOr = (scores: number[]) => 1 - scores.reduce((keep, s) => keep * (1 - s), 1);

const URL_RE = /\bhttps?:\/\/[^\s]+|\bwww\.[^\s]+|\bt\.me\/[^\s]+/gi;
/** Links written in a text (platforms hand over their own entities; labeled data has only text). */
export const urlsIn = (text: string): string[] => text.match(URL_RE) ?? [];

/** A bare text as the model reads it: what a labeled row or an owner's example gives. */
export function modelInput(text: string): ModelInput {
  const s = prepare({ kind: 'text', text, urls: urlsIn(text), newcomer: false, allowDomains: [], blockWords: [], sameTextElsewhere: 0 });
  return { text, normalized: s.normalized, compact: s.compact, findings: runChecks(s) };
}

/**
 * One verdict from the checks and the text model. The model already reads the text checks'
 * findings, so it competes with them instead of adding to them; what only the context shows (a card,
 * a picture code, a forward, the same text in other groups) adds to either. `quiet` says the quick
 * pass found nothing a check could fire on (tests hold it to that), so the checks are skipped.
 */
export function judge(suspect: Suspect, o: { model?: TextScorer; quiet?: boolean; normalized?: string; compact?: string } = {}): Verdict {
  const normalized = o.normalized ?? normalizeText(suspect.text);
  const compact = o.compact ?? compactText(normalized);
  const prepared = o.quiet ? undefined : prepare(suspect, normalized, compact);
  const findings = prepared ? runChecks(prepared) : [];
  let score = noisyOr(findings.map((f) => f.score));
  let modelAlone = false;
  if (o.model && !vouched(prepared, findings)) {
    const p = o.model({ text: suspect.text, normalized, compact, findings });
    if (p >= MODEL_FLOOR) {
      const context = findings.filter((f) => !TEXT_ONLY.has(f.check)).map((f) => f.score);
      modelAlone = p < MODEL_ALONE_SURE && nothingPointsAtAnAd(findings);
      score = Math.max(score, noisyOr([p, ...context]));
      findings.push({ check: 'model', score: p, detail: `text model ${p.toFixed(2)}`, what: 'model', value: p.toFixed(2) });
    }
  }
  findings.sort((a, b) => b.score - a.score);
  // A stranger's first messages get less benefit of the doubt.
  if (suspect.newcomer && findings.length) score = Math.min(1, score + 0.15);
  // Doubt goes to the owner: a guess of the model with nothing found beside it punishes nobody.
  if (modelAlone) score = Math.min(score, MODEL_ALONE_MAX);
  return { score, findings };
}
