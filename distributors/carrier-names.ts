import type { Carrier } from './carriers.js';

/**
 * Distributors name carriers in free text or in codes of their own ("UPS GROUND", "FEDEX", "Fed Ex
 * Home", "USPS PRIORITY", "U.S. Postal Service", "ONTRAC"). Names are compared in capitals with
 * punctuation turned to spaces, both as words and squeezed together, so "Fed Ex", "FEDEX_2DAY" and
 * "U.S. Postal" read the same as their tidy spellings.
 */

interface Spelling {
  words: string[];
  squeezed: string;
}

/** USPS mail classes a distributor may name without saying USPS. */
const USPS_SERVICES = ['PRIORITYMAIL', 'FIRSTCLASS', 'GROUNDADVANTAGE', 'PARCELSELECT', 'MEDIAMAIL', 'EXPRESSMAIL'];

const RECOGNISERS: ReadonlyArray<[Carrier, (name: Spelling) => boolean]> = [
  ['UPS', ({ words, squeezed }) => words.includes('UPS') || squeezed.startsWith('UPS') || squeezed.startsWith('UNITEDPARCEL')],
  ['FedEx', ({ squeezed }) => squeezed.startsWith('FEDEX') || squeezed.startsWith('FEDERALEXPRESS') || squeezed.startsWith('FDX')],
  [
    'USPS',
    ({ words, squeezed }) =>
      words.includes('USPS') ||
      ['USPS', 'USPOSTAL', 'UNITEDSTATESPOSTAL', 'USMAIL'].some((start) => squeezed.startsWith(start)) ||
      USPS_SERVICES.some((service) => squeezed.includes(service)),
  ],
  ['OnTrac', ({ squeezed }) => squeezed.startsWith('ONTRAC')],
];

/**
 * The carrier a distributor's carrier name or code stands for, or null when it names none of ours
 * or more than one ("FedEx SmartPost via USPS"): a wrong carrier on a marketplace is worse than none.
 */
export function carrierFromName(name: string): Carrier | null {
  const words = name
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  const spelling = { words, squeezed: words.join('') };
  const named = RECOGNISERS.filter(([, recognises]) => recognises(spelling)).map(([carrier]) => carrier);
  return named.length === 1 ? named[0]! : null;
}
