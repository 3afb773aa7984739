import { enumSetting, intSetting } from '../../settings/definition.js';

/** observe only writes to /log that a raid would have begun. */
export const raidMode = enumSetting<'off' | 'observe' | 'on'>('raid.mode', ['off', 'observe', 'on'], 'on');
/** This many joins within `raid.seconds` is a raid. */
export const raidJoins = intSetting('raid.joins', 3, 1000, 10);
export const raidSeconds = intSetting('raid.seconds', 10, 3600, 60);
/** A raid ends after this many minutes without a join. */
export const raidQuietMinutes = intSetting('raid.quietMinutes', 1, 1440, 10);

export const raidSettings = [raidMode, raidJoins, raidSeconds, raidQuietMinutes];
