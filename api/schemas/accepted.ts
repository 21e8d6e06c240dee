import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/** The live stream that announces every change of a dealer's drop-ships and purchase orders. */
const EVENTS_PATH = '/v1/events';

export const acceptedSchema = z
  .strictObject({
    status: z.literal('accepted'),
    location: z.string().describe('The drop-ship or purchase order to read for the outcome; also the Location header'),
    events: z.literal(EVENTS_PATH).describe('The live stream that announces each change of it, as it is carried out'),
  })
  .meta({
    id: 'Accepted',
    description:
      'The workflow accepted the decision (its checks passed) and recorded it durably; it is carried out next, and whatever then goes wrong shows as the resource’s status',
  });

/** Answers 202: the decision is taken, its outcome is read from `location` or followed on the live stream. */
export function replyAccepted(reply: FastifyReply, location: string) {
  return reply
    .status(202)
    .header('location', location)
    .send({ status: 'accepted' as const, location, events: EVENTS_PATH });
}
