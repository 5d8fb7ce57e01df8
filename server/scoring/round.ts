/**
 * Rounds each value to an integer so that the rounded values add up to the rounded total
 * (largest remainder): a breakdown of 3.4 + 3.4 + 3.2 shows 4 + 3 + 3 = 10, never 9.
 */
export function roundToTotal(values: readonly number[]): number[] {
  const target = Math.round(values.reduce((a, b) => a + b, 0));
  const rounded = values.map((v) => Math.round(v));
  let diff = target - rounded.reduce((a, b) => a + b, 0);
  if (diff === 0) return rounded;
  // Adjust the values whose rounding moved them furthest in the wrong direction first.
  const order = values
    .map((v, i) => ({ i, error: v - rounded[i]! }))
    .sort((a, b) => (diff > 0 ? b.error - a.error : a.error - b.error));
  for (const { i } of order) {
    if (diff === 0) break;
    const step = diff > 0 ? 1 : -1;
    rounded[i] = rounded[i]! + step;
    diff -= step;
  }
  return rounded;
}
