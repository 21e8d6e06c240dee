import { ApplicationFailure } from '@temporalio/activity';
import { findDealer } from '../db/repositories/dealers.js';
import { loadDigestFacts } from '../db/repositories/digest-facts.js';
import { buildDigest, type Digest } from '../domain/digest.js';
import { dealerDigestEmail } from '../notifications/digest-email.js';
import type { EmailMessage } from '../notifications/types.js';
import { deliverOnce } from './deliver-once.js';
import type { ActivityDeps } from './deps.js';
import { adapterCall } from './failures.js';

export type DigestDelivery = 'sent' | 'already_sent' | 'no_address';

/** The dealer's daily digest: what needs them, gathered, then emailed once per dealer and day. */
export function digestActivities({ db, email, emailDefaults }: ActivityDeps) {
  const once = deliverOnce(db);

  return {
    /**
     * What needs the dealer at `at`, for the dealer's day it falls on; a null digest means nothing
     * does. Read-only, so safe to retry.
     */
    async gatherDealerDigest(input: { dealerId: string; at: string }): Promise<{ day: string; digest: Digest | null }> {
      const facts = await loadDigestFacts(db, input.dealerId, new Date(input.at));
      if (!facts) throw ApplicationFailure.create({ type: 'UnknownDealer', message: `No dealer ${input.dealerId}`, nonRetryable: true });
      return { day: facts.day, digest: buildDigest(facts) };
    },

    /**
     * Emails the digest to the dealer's notification address, once per dealer and day: Idempotency-Key
     * and ledger key `digest/<dealer>/<day>`. The workflow passes the same digest to every attempt, so
     * a retry sends Resend the same payload under the same key.
     */
    async emailDealerDigest(input: { dealerId: string; digest: Digest }): Promise<{ delivery: DigestDelivery }> {
      const dealer = await findDealer(db, input.dealerId);
      const to = dealer?.notificationEmail;
      if (!to) return { delivery: 'no_address' };
      const key = `digest/${input.dealerId}/${input.digest.day}`;
      const result = await once({
        dealerId: input.dealerId,
        kind: 'dealer_email',
        key,
        build: (): EmailMessage => ({ ...dealerDigestEmail(input.digest), from: emailDefaults.from, to: [to], tags: [{ name: 'kind', value: 'digest' }] }),
        deliver: async (message) => (await adapterCall(() => email.send(message, key))).id,
        audit: (emailId) => ({
          dealerId: input.dealerId,
          actor: { type: 'system' },
          type: 'email.dealer_digest',
          summary: `Daily digest for ${input.digest.day} sent: ${input.digest.count} thing(s) need the dealer`,
          details: { emailId },
          dedupeKey: `email:${key}`,
        }),
      });
      return { delivery: result.alreadyDone ? 'already_sent' : 'sent' };
    },
  };
}
