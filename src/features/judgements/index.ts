export { standardOf } from './service.js';
export { judgementsOf, meetingCountOf } from './queries.js';
