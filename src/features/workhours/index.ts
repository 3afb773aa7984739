// What other features use of the work-hours feature: what the group is about.
export { topicDescriptionSetting } from './settings.js';
