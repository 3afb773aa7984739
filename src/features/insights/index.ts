// What other features use of the insights feature: when the group is awake.
export { mostActiveHours } from './activeHours.js';
