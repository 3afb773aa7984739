// What other features and commands use of the ad filter.
export { urlsIn } from './checks.js';
export { learnedAs } from './records.js';
