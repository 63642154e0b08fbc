/** Adds every count of `from` into `into` (status classes, error kinds); returns `into`. */
export function addCounts(into: Record<string, number>, from: Record<string, number>): Record<string, number> {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
  return into;
}
