/** How staff accounts behave; config.ts reads the environment's overrides of these once. */
export interface AccountPolicy {
  /** How long a sign-in lasts, from the moment it was made. */
  sessionTtlMs: number;
  /** `failures` failed sign-ins for one email within `windowMs` lock that email out until the window has passed. */
  lockout: { failures: number; windowMs: number };
  /** Requests per IP and email (or link) to the routes outside the dealer gate: sign-in, reset, accept. */
  publicRateLimit: { max: number; timeWindowMs: number };
  invitationTtlMs: number;
  passwordResetTtlMs: number;
}

export const DEFAULT_ACCOUNT_POLICY: AccountPolicy = {
  sessionTtlMs: 14 * 86_400_000,
  lockout: { failures: 5, windowMs: 15 * 60_000 },
  publicRateLimit: { max: 20, timeWindowMs: 60_000 },
  invitationTtlMs: 7 * 86_400_000,
  passwordResetTtlMs: 60 * 60_000,
};

/** The shortest password accepted; long passphrases beat composition rules (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 10;
