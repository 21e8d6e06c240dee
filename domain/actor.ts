/** Who did something, for the audit trail. */
export interface Actor {
  type: 'system' | 'dealer_user' | 'distributor' | 'channel';
  id?: string | null | undefined;
}

export const SYSTEM: Actor = { type: 'system', id: null };
