// Small numeric helpers shared by the measurements.

/// Nearest-rank percentile (p in 0..100) of the numbers in `values`.
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (values) => percentile(values, 50);

export function summary(values) {
  return { n: values.length, median: median(values), p95: percentile(values, 95), min: Math.min(...values), max: Math.max(...values) };
}

/// Bytes as the table shows them: KB and MB of 1024.
export function kb(bytes) {
  if (bytes == null) return 'n/a';
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

export const ms = (t) => (t == null ? 'n/a' : `${t.toFixed(t < 100 ? 1 : 0)} ms`);
