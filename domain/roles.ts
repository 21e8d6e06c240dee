/**
 * What a person (or an API key) may do for a dealer, lowest first: a viewer reads, staff also work
 * orders, POs and exceptions, an owner also manages users, keys, accounts and settings.
 */
export const ROLES = ['viewer', 'staff', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

/** Whether `role` may do what needs `required`. */
export const roleAllows = (role: Role, required: Role) => ROLES.indexOf(role) >= ROLES.indexOf(required);
