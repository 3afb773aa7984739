// What other features use of roles: who holds which title, for welcomes.
export { staffLine } from './titles.js';
