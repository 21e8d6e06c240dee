const LINKS: Record<string, (tracking: string) => string> = {
  UPS: (t) => `https://www.ups.com/track?tracknum=${t}`,
  FedEx: (t) => `https://www.fedex.com/fedextrack/?trknbr=${t}`,
  USPS: (t) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${t}`,
  OnTrac: (t) => `https://www.ontrac.com/tracking/?number=${t}`,
};

/** The carrier's public tracking page for a package, or null for carriers we have no link for. */
export function trackingLink(carrier: string, trackingNumber: string): string | null {
  const link = LINKS[carrier];
  return link ? link(encodeURIComponent(trackingNumber)) : null;
}
