import { z } from 'zod';
import { defineSetting, enumSetting, intSetting } from '../../settings/definition.js';

export type AdFilterMode = 'off' | 'observe' | 'on' | 'strict';
/** observe only logs what it would do, so owners can build trust first. */
export const adFilterMode = enumSetting<AdFilterMode>('adfilter.mode', ['off', 'observe', 'on', 'strict'], 'on');
/** Hours after joining during which a clear ad gets the newcomer removed at once. */
export const newcomerHours = intSetting('adfilter.newcomerHours', 0, 24 * 30, 72);

const list = (key: string, example: string, item: z.ZodString) =>
  defineSetting<string[]>({
    key,
    schema: z.array(item).max(500),
    fallback: [],
    fromText: (t) => t.split(/[,，\s]+/).filter(Boolean),
    show: (v) => (v.length ? v.join(', ') : '—'),
    example,
  });
export const allowDomains = list('adfilter.allow', 'example.com,github.com', z.string().min(3).max(100));
export const blockWords = list('adfilter.block', '代开*发票', z.string().min(1).max(50));

export type SecondOpinionMode = 'off' | 'veto' | 'catch' | 'both';
/** When a language model is asked (needs config secondOpinion): before a removal, about doubtful messages, or both. */
export const secondOpinionMode = enumSetting<SecondOpinionMode>('adfilter.secondOpinion', ['off', 'veto', 'catch', 'both'], 'off');

/** Verdict scores from which a message is removed, or sent to the owner to decide. */
export const THRESHOLDS: Record<Exclude<AdFilterMode, 'off'>, { remove: number; review: number }> = {
  observe: { remove: 0.85, review: 0.6 },
  on: { remove: 0.85, review: 0.6 },
  strict: { remove: 0.7, review: 0.45 },
};

export const adFilterSettings = [adFilterMode, newcomerHours, allowDomains, blockWords, secondOpinionMode];
