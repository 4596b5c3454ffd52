import { loadConfig } from '../../platform/config.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { openServices } from '../../platform/server.js';
import type { Services } from '../../platform/services.js';
import { joiningRoles } from '../../features/team/index.js';
import { oneOf, UsageError, type CliIo } from '../io.js';

export interface TeamOptions {
  'data-dir'?: string;
  inspection?: string;
  email?: string;
  member?: string;
  name?: string;
  role?: string;
}

/** Opens the database, finds the acting user and turns the services' refusals into plain messages. */
async function asLead(
  io: CliIo,
  options: TeamOptions,
  command: string,
  run: (services: Services, actor: Awaited<ReturnType<Services['users']['findByEmail']>> & object) => Promise<void>,
) {
  if (!options.inspection) throw new UsageError(`team ${command} needs --inspection ID`);
  if (!options.email)
    throw new UsageError(`team ${command} needs --email: the user the command acts as (the lead inspector)`);
  const opened = await openServices(loadConfig(undefined, options['data-dir'] ? { dataDir: options['data-dir'] } : {}));
  try {
    const actor = await opened.services.users.findByEmail(options.email);
    if (!actor) throw new UsageError(`no user has the email ${options.email}`);
    await run(opened.services, actor);
    return 0;
  } catch (error) {
    if (error instanceof ValidationError) {
      io.stderr(`yj-inspect: ${Object.values(error.fields).join('; ')}\n`);
      return 2;
    }
    if (error instanceof NotFoundError || error instanceof ForbiddenError) {
      io.stderr(
        `yj-inspect: ${error instanceof NotFoundError ? `no inspection ${options.inspection} that ${options.email} may see` : error.message}\n`,
      );
      return 1;
    }
    throw error;
  } finally {
    await opened.close();
  }
}

/** `yj-inspect team list --inspection ID --email E`: the team, one line each. */
export const listTeam = (io: CliIo, options: TeamOptions) =>
  asLead(io, options, 'list', async (services, actor) => {
    for (const m of await services.team.list(actor, options.inspection!))
      io.stdout(
        `${m.roleLabel.padEnd(22)}${m.displayName} <${m.email}>${m.invited && !m.hasPassword ? '  (invited)' : ''}\n`,
      );
  });

/**
 * `yj-inspect team add --inspection ID --email LEAD --member E --role inspector|ratingsPanel [--name N]`:
 * one of the inspectorate's users joins; someone without an account is invited (--name needed).
 */
export const addToTeam = (io: CliIo, options: TeamOptions) => {
  const role = oneOf('role', options.role, joiningRoles, 'inspector');
  if (!options.member) throw new UsageError('team add needs --member: the email of the person joining');
  return asLead(io, options, 'add', async (services, actor) => {
    const member = options.member!.trim().toLowerCase();
    const candidate = (await services.team.candidates(actor, options.inspection!)).find((c) => c.email === member);
    if (candidate) {
      await services.team.add(actor, options.inspection!, { userId: candidate.id, role });
      io.stdout(`Added ${candidate.displayName} <${candidate.email}> to the team.\n`);
      return;
    }
    if (!options.name) throw new UsageError(`${member} has no account to choose: give --name to invite them`);
    const sent = await services.team.invite(
      actor,
      options.inspection!,
      { email: member, displayName: options.name, role },
      undefined,
    );
    io.stdout(
      sent.emailed
        ? `Invited ${sent.displayName} <${sent.email}>: the link is emailed, valid until ${sent.expiresAt.toISOString()}.\n`
        : `Invited ${sent.displayName} <${sent.email}>. Email is not set up (YJ_SMTP_URL): send them this link, valid once until ${sent.expiresAt.toISOString()}:\n${sent.link}\n`,
    );
  });
};

/** `yj-inspect team remove --inspection ID --email LEAD --member E`. */
export const removeFromTeam = (io: CliIo, options: TeamOptions) => {
  if (!options.member) throw new UsageError('team remove needs --member: the email of the person leaving');
  return asLead(io, options, 'remove', async (services, actor) => {
    const member = (await services.team.list(actor, options.inspection!)).find(
      (m) => m.email === options.member!.trim().toLowerCase(),
    );
    if (!member) throw new UsageError(`${options.member} is not on the team`);
    await services.team.remove(actor, options.inspection!, member.userId);
    io.stdout(`Removed ${member.displayName} <${member.email}> from the team.\n`);
  });
};
