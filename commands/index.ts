// Every feature Steward runs, listed explicitly: the registry fails at start-up on any
// duplicate command, alias, rule, job kind or setting. Later features add one line here.
import type { Feature } from '../src/engine/registry.js';
import type { SpamModel } from '../src/features/adfilter/classifier.js';
import { adfilterFeature } from './adfilter.js';
import { checkinFeature } from './checkin.js';
import { digestFeature } from './digest.js';
import { eventsFeature } from './events.js';
import { familyFeature } from './family.js';
import { faqFeature } from './faq.js';
import { floodFeature } from './flood.js';
import { helpFeature } from './help.js';
import { insightsFeature } from './insights.js';
import { locksFeature } from './locks.js';
import { groupRulesFeature } from './groupRules.js';
import { manageFeature } from './manage.js';
import { onboardingFeature } from './onboarding.js';
import { penaltiesFeature } from './penalties.js';
import { pollsFeature } from './polls.js';
import { broadcastFeature } from './broadcast.js';
import { raidFeature } from './raid.js';
import { reportsFeature } from './reports.js';
import { rolesFeature } from './roles.js';
import { settingsFeature } from './settings.js';
import { topicsFeature } from './topics.js';
import { useFeature } from './use.js';
import { whyFeature } from './why.js';
import { workhoursFeature } from './workhours.js';

/**
 * The order rules run in within their stage: the guards in the order an event meets them (a burst
 * of joins first turns raid mode on, so that the arrivals are judged by it; a
 * newcomer held back before anything else, then ads (an ad is removed as an ad, not as a locked
 * link), then locks, then floods, then work-hours focus), then the rules after.
 */
export const RULE_ORDER: readonly string[] = [
  'family.banned',
  'raid.detect',
  'onboarding.newcomer-messages',
  'adfilter',
  'locks',
  'locks.bots',
  'locks.newcomers',
  'flood',
  'workhours.focus',
  'onboarding.arrivals',
  'family.overflow',
  'adfilter.decide-review',
  'adfilter.second-opinion',
  'penalties.decide-appeal',
  'reports.decide',
  'faq.answer',
  'polls.vote',
  'broadcast.confirm',
  'events.plus-one',
  'events.join-button',
];

/**
 * Every feature; `spamModel` is the operator's own ad model (config adfilter.model), else the
 * shipped one; `secondOpinion` says a language model is configured for groups to ask about ads.
 */
export function buildFeatures(o: { spamModel?: SpamModel | undefined; secondOpinion?: boolean; caches?: { adFilterMB: number; topicModelsMB: number; floodMB: number } } = {}): Feature[] {
  const mb = 1024 * 1024;
  return [
    settingsFeature,
    groupRulesFeature,
    rolesFeature,
    onboardingFeature,
    adfilterFeature(o.spamModel, o.secondOpinion ?? false, o.caches && o.caches.adFilterMB * mb),
    penaltiesFeature,
    floodFeature(o.caches && o.caches.floodMB * mb),
    locksFeature(),
    reportsFeature,
    raidFeature(),
    familyFeature,
    faqFeature(),
    pollsFeature,
    broadcastFeature,
    digestFeature,
    eventsFeature,
    workhoursFeature(o.caches && o.caches.topicModelsMB * mb),
    checkinFeature,
    topicsFeature,
    insightsFeature,
    manageFeature,
    useFeature,
    whyFeature,
    helpFeature,
  ];
}
