import ms from "ms";

/**
 * Parses a duration written the way people write them: "90s", "30m", "2h", "1h30m".
 * Returns undefined for anything else (the caller names the field in its error).
 */
export function parseDuration(text: string): number | undefined {
  const parts = text.trim().match(/\d+(?:\.\d+)?\s*[a-z]+/gi);
  if (!parts || parts.join("").replace(/\s+/g, "") !== text.replace(/\s+/g, "")) return undefined;
  let total = 0;
  for (const part of parts) {
    const value = ms(part.replace(/\s+/g, "") as ms.StringValue) as number | undefined;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) return undefined;
    total += value;
  }
  return total;
}

export function formatDuration(milliseconds: number): string {
  return ms(Math.round(milliseconds), { long: false });
}
