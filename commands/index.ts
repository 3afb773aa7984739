// Every feature Steward runs, listed explicitly: the registry fails at start-up on any
// duplicate command, alias, rule, job kind or setting. Later features add one line here.
import type { Feature } from '../src/engine/registry.js';
import { adfilterFeature } from './adfilter.js';
import { checkinFeature } from './checkin.js';
import { helpFeature } from './help.js';
import { insightsFeature } from './insights.js';
import { rulesFeature } from './rules.js';
import { manageFeature } from './manage.js';
import { onboardingFeature } from './onboarding.js';
import { penaltiesFeature } from './penalties.js';
import { rolesFeature } from './roles.js';
import { settingsFeature } from './settings.js';
import { topicsFeature } from './topics.js';
import { useFeature } from './use.js';
import { workhoursFeature } from './workhours.js';

export const features: Feature[] = [settingsFeature, rulesFeature, rolesFeature, onboardingFeature, adfilterFeature, penaltiesFeature, workhoursFeature, checkinFeature, topicsFeature, insightsFeature, manageFeature, useFeature, helpFeature];
