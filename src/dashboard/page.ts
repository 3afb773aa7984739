// Server-rendered pages: plain HTML and CSS, no script, every value escaped.
import type { LayeredMember } from '../features/insights/layers.js';
import type { GroupStats } from '../features/insights/stats.js';

export const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Charts name the font the project ships; the dashboard serves it, so Chinese labels draw on any machine.
const STYLE = `@font-face{font-family:"Noto Sans CJK SC";src:url(/chart-font.otf) format("opentype")}
.chart svg{max-width:100%;height:auto}
body{font:15px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
header{background:#1f3b73;color:#fff;padding:12px 24px}header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:1100px;margin:0 auto;padding:16px 24px}section{background:#fff;border-radius:8px;padding:12px 18px;margin:14px 0;box-shadow:0 1px 2px #0001}
h1{font-size:22px}h2{font-size:17px;margin:4px 0 10px}table{border-collapse:collapse}td,th{padding:4px 8px;text-align:left;border-bottom:1px solid #eee}
.num{text-align:right;font-variant-numeric:tabular-nums}.grid td{width:22px;height:18px;padding:0;border:1px solid #fff}.grid th{font-weight:400;font-size:12px;color:#667}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{background:#eef2fa;border-radius:6px;padding:8px 14px;min-width:120px}.card b{display:block;font-size:22px}`;

export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · Steward</title><style>${STYLE}</style></head><body><header><a href="/">Steward</a></header><main>${body}</main></body></html>`;
}

export interface GroupSummary {
  platform: string;
  groupId: string;
  title: string;
  members: number;
  messages7d: number;
}

export function groupsPage(groups: GroupSummary[]): string {
  const rows = groups
    .map((g) => `<tr><td><a href="/group/${encodeURIComponent(g.platform)}/${encodeURIComponent(g.groupId)}">${esc(g.title)}</a></td><td>${esc(g.platform)}</td><td class="num">${g.members}</td><td class="num">${g.messages7d}</td></tr>`)
    .join('');
  return layout('群列表', `<h1>群列表</h1><section><table><thead><tr><th>群</th><th>平台</th><th class="num">成员</th><th class="num">近 7 天消息</th></tr></thead><tbody>${rows || '<tr><td colspan="4">还没有群</td></tr>'}</tbody></table></section>`);
}

export interface LogLine {
  when: string;
  action: string;
  member: string;
  reason: string;
  outcome: string;
}

/** A marked message (精华) as the pages show it. */
export interface DigestLine {
  when: string;
  member: string;
  text: string;
  by: string;
}

const digestRows = (digests: DigestLine[]) =>
  digests.map((d) => `<tr><td>${esc(d.when)}</td><td>${esc(d.member)}</td><td>${esc(d.text)}</td><td>${esc(d.by)}</td></tr>`).join('');
const digestTable = (digests: DigestLine[]) =>
  `<table><thead><tr><th>时间</th><th>成员</th><th>内容</th><th>加精</th></tr></thead><tbody>${digestRows(digests) || '<tr><td colspan="4">还没有精华。管理员回复一条消息发送 /digest（或「加精」）即可收录。</td></tr>'}</tbody></table>`;

/** Every marked message of the group, newest first: the group's kept knowledge. */
export function digestPage(title: string, groupPath: string, digests: DigestLine[]): string {
  return layout(`${title} · 精华`, `<h1>${esc(title)} · 精华</h1><p><a href="${esc(groupPath)}">← 返回群概况</a></p><section>${digestTable(digests)}</section>`);
}

/** The group's charts as SVG, drawn by ECharts from the same definitions as the chat's pictures. */
export interface GroupCharts {
  heatmap: string;
  daily: string;
  layers: string;
}

export function groupPage(title: string, s7: GroupStats, s30: GroupStats, charts: GroupCharts, best: string, members: LayeredMember[], layerNames: Record<string, string>, log: LogLine[], digests: { recent: DigestLine[]; path: string }): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const card = (label: string, value: string | number) => `<div class="card">${esc(label)}<b>${esc(value)}</b></div>`;
  const counts = ['core', 'active', 'occasional', 'lurker', 'new'].map((l) => `<tr><td>${esc(layerNames[l] ?? l)}</td><td class="num">${members.filter((m) => m.layer === l).length}</td><td>${esc(members.filter((m) => m.layer === l).slice(0, 20).map((m) => m.name).join('、'))}</td></tr>`).join('');
  const logRows = log.map((l) => `<tr><td>${esc(l.when)}</td><td>${esc(l.action)}</td><td>${esc(l.member)}</td><td>${esc(l.reason)}</td><td>${esc(l.outcome)}</td></tr>`).join('');
  const retention = s30.retention.cohort ? `${pct(s30.retention.after7 / s30.retention.cohort)} / ${pct(s30.retention.after30 / s30.retention.cohort)}` : '—';
  return layout(
    title,
    `<h1>${esc(title)}</h1>
<section><h2>最近 7 天</h2><div class="cards">${card('现有成员', s7.present)}${card('新进', s7.joined)}${card('离开', s7.left)}${card('消息', s7.messages)}${card('发言人数', s7.activeMembers)}${card('打卡率', pct(s7.checkinRate))}</div></section>
<section><h2>最近 30 天</h2><div class="cards">${card('新进', s30.joined)}${card('离开', s30.left)}${card('消息', s30.messages)}${card('发言人数', s30.activeMembers)}${card('上月新人留存 7天/30天', retention)}</div>
${s30.events.held ? `<p>活动：${s30.events.held} 场，报名 ${s30.events.signedUp} 人次，签到到场 ${s30.events.attended} 人次</p>` : ''}
<p>最活跃：${esc(s30.top.map((u) => `${u.name}（${u.n}）`).join('、') || '—')}</p></section>
<section><h2>每天</h2><div class="chart">${charts.daily}</div></section>
<section><h2>活跃时段（近四周）</h2><div class="chart" aria-label="活跃热力图">${charts.heatmap}</div><p>最活跃的时段：${esc(best || '—')}</p></section>
<section><h2>最近的精华</h2>${digestTable(digests.recent)}<p><a href="${esc(digests.path)}">全部精华 →</a></p></section>
<section><h2>成员分层</h2><div class="chart">${charts.layers}</div><table><tbody>${counts}</tbody></table></section>
<section><h2>最近的处理记录</h2><table><thead><tr><th>时间</th><th>动作</th><th>成员</th><th>原因</th><th>结果</th></tr></thead><tbody>${logRows || '<tr><td colspan="5">还没有记录</td></tr>'}</tbody></table></section>`,
  );
}

export function deniedPage(): string {
  return layout('需要口令', '<h1>需要口令</h1><section><p>请用带 <code>?token=…</code> 的链接打开仪表盘（口令在配置文件的 dashboard.token 里）。</p></section>');
}
