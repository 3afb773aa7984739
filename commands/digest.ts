import type { Command, Feature } from '../src/engine/registry.js';
import { digestPoints, listDigests, markDigest, weeklyDigest } from '../src/features/digest/digest.js';
import { digestRecorders } from '../src/features/digest/records.js';

const digest: Command = {
  name: 'digest',
  aliases: ['加精', '精华'],
  level: 'admin',
  run: markDigest,
};

const digests: Command = {
  name: 'digests',
  aliases: ['精华列表'],
  level: 'member',
  run: listDigests,
};

export const digestFeature: Feature = {
  name: 'digest',
  commands: [digest, digests],
  jobs: [weeklyDigest],
  settings: [digestPoints],
  recorders: digestRecorders,
};
