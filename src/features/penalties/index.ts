// What other features use of the penalties feature: the ladder every guard punishes with.
export { type Offence, describeStep, isExempt, punish } from './punish.js';
export { logAction, logOutcome } from './logText.js';
export { withdraw } from './records.js';
export { activeStrikes } from './punish.js';
