import type { Unread } from "../model.js";

const SHOWN = 5;

/**
 * The one stderr line for what a run could not read: which objects are
 * missing and what that cost, per target when there are several.
 */
export function unreadLine(reports: readonly { label: string; unread: Unread }[]): string {
  const objects = [...new Set(reports.flatMap(({ unread }) => unread.missingObjects))].sort();
  const shown = objects.slice(0, SHOWN).map((id) => id.slice(0, 7));
  const more = objects.length > SHOWN ? `, and ${objects.length - SHOWN} more` : "";
  const costs = reports.map(({ label, unread }) => {
    const cost = costsOf(unread);
    return reports.length > 1 ? `${label}: ${cost}` : cost;
  });
  return `driftlog: warning: ${plural(objects.length, "object")} missing from the repository and not fetched (${shown.join(", ")}${more}): ${costs.join("; ")}; a full clone gives the complete report\n`;
}

function costsOf(unread: Unread): string {
  const costs = [
    unread.renamesNotFollowed > 0 ? `${plural(unread.renamesNotFollowed, "rename")} not followed` : "",
    unread.filesWithoutContent > 0 ? `content unknown for ${plural(unread.filesWithoutContent, "file")}` : "",
    unread.picksUnknown > 0 ? `${plural(unread.picksUnknown, "pick prediction")} unknown` : "",
  ].filter(Boolean);
  return costs.length > 0 ? costs.join(", ") : "some file contents unknown";
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
