import type { Capabilities } from '../types.js';
import { CAPABILITIES } from '../capabilities.js';

/**
 * The simulator behaves like the platform it imitates (the one table, adapters/capabilities.ts), so
 * fallbacks can be tried locally. Two differences, each on purpose: a terminal has no "/" menu to
 * set, and the simulated WeChat room is one the bot does not own (the usual case), so it cannot
 * remove members there.
 */
export const SIMULATED: Readonly<Record<'telegram' | 'wechat', Capabilities>> = {
  telegram: { ...CAPABILITIES.telegram, commandMenu: false },
  wechat: { ...CAPABILITIES.wechat, kick: false },
};
