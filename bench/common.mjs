// Helpers shared by the bench's Node clients.

// The URL, or exit 2 when it does not point at 127.0.0.1: the bench loads loopback only.
export function loopbackUrl(url) {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') {
    console.error('refusing a non-loopback URL: ' + url);
    process.exit(2);
  }
  return target;
}

// The p-th percentile (nearest rank, 0-100) of the values, or null when there are none.
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))];
}
