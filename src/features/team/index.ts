export { joiningRoles, type JoiningRole } from './service.js';
export { requestOrigin } from './links.js';
export type { InvitationService } from './invitations.js';
