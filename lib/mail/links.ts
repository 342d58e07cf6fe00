// Addresses of the public pages a message links to. Pure. The API's `trackingUrl` and the
// acknowledgement's link are built by the same function, so they are the same link.

export function trackingPath(reference: string, token: string): string {
  return `/suivi/${encodeURIComponent(reference)}?t=${encodeURIComponent(token)}`
}

export function absoluteLink(origin: string, path: string): string {
  return new URL(path, origin).href
}

/** The private tracking link of a report, absolute: given by the API, the tracking page and the mails. */
export function trackingUrl(origin: string, reference: string, token: string): string {
  return absoluteLink(origin, trackingPath(reference, token))
}
