import { describe, expect, it } from 'vitest';
import { parseCommand } from '../src/engine/parser.js';

const aliases = new Map([
  ['checkin', 'checkin'],
  ['打卡', 'checkin'],
  ['签到', 'checkin'],
  ['help', 'help'],
  ['start', 'help'],
  ['me', 'me'],
  ['entry', 'entry'],
]);
const keywords = new Map([
  ['打卡', 'checkin'],
  ['签到', 'checkin'],
]);
const parse = (text: string, botUsername?: string) => parseCommand(text, { aliases, keywords, botUsername });

describe('command parser', () => {
  it('reads /cmd with arguments', () => {
    expect(parse('/checkin 读完第3章')).toEqual({ name: 'checkin', args: '读完第3章', argv: ['读完第3章'], typed: '/checkin' });
  });

  it("runs a Telegram deep link's command: /start entry-3 is /entry 3; other starts stay /start", () => {
    expect(parse('/start entry-3')).toEqual({ name: 'entry', args: '3', argv: ['3'], typed: '/entry' });
    expect(parse('/start appeal')).toMatchObject({ name: 'help', args: 'appeal' });
    expect(parse('/start nothing-3')).toMatchObject({ name: 'help', args: 'nothing-3' });
  });

  it('reads /cmd@botname when the name is ours, in any case', () => {
    expect(parse('/checkin@Steward_Bot today', 'steward_bot')?.name).toBe('checkin');
  });

  it('leaves /cmd@otherbot to the other bot', () => {
    expect(parse('/checkin@other_bot', 'steward_bot')).toBeUndefined();
  });

  it('lower-cases the command name and keeps multi-line arguments', () => {
    const p = parse('/SetRules line one\nline two');
    expect(p?.name).toBe('setrules');
    expect(p?.args).toBe('line one\nline two');
  });

  it('understands Chinese keywords alone and with a note', () => {
    expect(parse('打卡')?.name).toBe('checkin');
    expect(parse('签到 第10天')).toMatchObject({ name: 'checkin', args: '第10天', typed: '签到' });
    expect(parse('#打卡')?.name).toBe('checkin');
  });

  it('does not mistake a sentence that starts with a keyword for the command', () => {
    expect(parse('打卡了吗大家')).toBeUndefined();
    // English command names work only after a slash: "me too" and "help me" are talk.
    expect(parse('help me please')).toBeUndefined();
    expect(parse('me too')).toBeUndefined();
    expect(parse('/me')?.name).toBe('me');
  });

  it('accepts the full-width slash and spaces of Chinese keyboards', () => {
    expect(parse('／checkin\u3000早')).toMatchObject({ name: 'checkin', args: '早' });
  });

  it('ignores ordinary talk, paths and empty text', () => {
    expect(parse('hello')).toBeUndefined();
    expect(parse('/usr/bin/env')).toBeUndefined();
    expect(parse('/ checkin')).toBeUndefined();
    expect(parse('   ')).toBeUndefined();
  });
});
