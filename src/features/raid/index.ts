// What other features use of raid mode: whether the group is in one now.
export { raidActive } from './raid.js';
