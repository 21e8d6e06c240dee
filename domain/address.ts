/** A postal address as Dropline stores it. Buyer PII: never log it or put it in workflow payloads unencoded. */
export interface Address {
  name: string;
  company?: string | undefined;
  line1: string;
  line2?: string | undefined;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone?: string | undefined;
}

export interface AddressProblem {
  field: keyof Address;
  message: string;
}

const REQUIRED: ReadonlyArray<[keyof Address, string]> = [
  ['name', 'recipient name'],
  ['line1', 'street address'],
  ['city', 'city'],
  ['region', 'state or region'],
  ['postalCode', 'postal code'],
  ['country', 'country'],
];

/** Lists what a distributor would need and is missing. An empty list means the address is complete. */
export function addressProblems(address: Partial<Address> | undefined): AddressProblem[] {
  const problems: AddressProblem[] = [];
  for (const [field, label] of REQUIRED) {
    const value = address?.[field];
    if (typeof value !== 'string' || value.trim() === '') problems.push({ field, message: `Ship-to ${label} is missing` });
  }
  if (address?.country && !/^[A-Z]{2}$/.test(address.country)) {
    problems.push({ field: 'country', message: 'Ship-to country must be a two-letter ISO code such as US' });
  }
  if (address?.country === 'US' && address.postalCode && !/^\d{5}(-\d{4})?$/.test(address.postalCode)) {
    problems.push({ field: 'postalCode', message: 'Ship-to ZIP code must look like 83702 or 83702-1234' });
  }
  return problems;
}

const ADDRESS_FIELDS: ReadonlyArray<keyof Address> = ['name', 'company', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone'];

/** Whether two addresses say the same thing: a missing field equals an empty one, and surrounding spaces do not count. */
export function sameAddress(a: Address, b: Address): boolean {
  const value = (address: Address, field: keyof Address) => (address[field] ?? '').trim();
  return ADDRESS_FIELDS.every((field) => value(a, field) === value(b, field));
}
