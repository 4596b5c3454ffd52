import type { Services } from '../../platform/services.js';
import type { Endpoint, RequestBody } from '../../platform/web/api/openapi.js';

/** Keeps each endpoint's body type tied to its handler (as routes.ts does). */
const endpoint = <K extends RequestBody | undefined = undefined>(definition: Endpoint<K>) =>
  definition as unknown as Endpoint;

/** The inspection team: list it, whom the lead may add, add, invite by email, remove. */
export function teamEndpoints(services: Services): Endpoint[] {
  return [
    endpoint({
      method: 'get',
      path: '/inspections/:id/team',
      operationId: 'listTeam',
      summary: "The inspection's team: the lead inspector, inspectors and ratings panel members",
      response: 'Team',
      errors: [401, 404],
      handle: async ({ actor, param }) => ({ team: await services.team.list(actor, param('id')) }),
    }),
    endpoint({
      method: 'get',
      path: '/inspections/:id/team/candidates',
      operationId: 'listTeamCandidates',
      summary: "Whom the lead inspector may add: the inspectorate's users (a mock inspection: the service's)",
      response: 'TeamCandidates',
      errors: [401, 403, 404],
      handle: async ({ actor, param }) => ({ candidates: await services.team.candidates(actor, param('id')) }),
    }),
    endpoint({
      method: 'post',
      path: '/inspections/:id/team',
      operationId: 'addTeamMember',
      summary: 'Adds one of the candidates as an inspector or ratings panel member',
      body: 'AddTeamMember',
      status: 201,
      response: 'TeamMemberAdded',
      errors: [400, 401, 403, 404],
      handle: ({ actor, param, body }) => services.team.add(actor, param('id'), body),
    }),
    endpoint({
      method: 'post',
      path: '/inspections/:id/team/invitations',
      operationId: 'inviteTeamMember',
      summary: 'Creates a user, puts them on the team and emails them a link to set their password',
      description: 'The link works once, for 7 days. Without a mail server it is returned in `link` instead.',
      body: 'InviteTeamMember',
      status: 201,
      response: 'TeamInvitation',
      errors: [400, 401, 403, 404],
      handle: async ({ actor, param, body }) => {
        const { link, ...sent } = await services.team.invite(actor, param('id'), body, undefined);
        return { ...sent, expiresAt: sent.expiresAt.toISOString(), ...(!sent.emailed && { link }) };
      },
    }),
    endpoint({
      method: 'delete',
      path: '/inspections/:id/team/:userId',
      operationId: 'removeTeamMember',
      summary: 'Takes someone off the team (not the lead inspector; their cases reallocated first)',
      response: 'TeamMemberRemoved',
      errors: [400, 401, 403, 404],
      handle: ({ actor, param }) => services.team.remove(actor, param('id'), param('userId')),
    }),
  ];
}
