import { Marked } from "marked";

/** Every hostile payload in these tests calls alert( or loads from evil.example: live markup never may (a plain link may point there). */
export const PAYLOAD = /alert\(|evil\.example/i;

/** Attributes whose URL is followed on a click: a script scheme is a problem, an http(s) link is not. */
const LINK_ATTRIBUTES = new Set(["href", "xlink:href", "action", "formaction", "cite"]);
/** Attributes whose URL is fetched as the page loads: any outside address is a problem (a tracking pixel). */
const FETCH_ATTRIBUTES = new Set(["src", "srcset", "poster", "background", "data", "lowsrc", "ping"]);
const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Decodes the character references a browser would, enough to read a scheme. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(tab|newline|colon|lpar|rpar|quot|apos|lt|gt|amp);/gi, (_, name: string) => ({ tab: "\t", newline: "\n", colon: ":", lpar: "(", rpar: ")", quot: '"', apos: "'", lt: "<", gt: ">", amp: "&" })[name.toLowerCase()]!);
}

/**
 * What in a piece of HTML a browser would act on: each element with its
 * attributes, and the text of script and style elements. Text between tags is
 * not included: a report's text is entity-escaped, so it cannot open a tag.
 */
export function liveMarkup(html: string): { tags: { name: string; attributes: [string, string][] }[]; code: string[] } {
  const tags = [...html.matchAll(TAG)].map(([, name = "", rest = ""]) => ({
    name: name.toLowerCase(),
    attributes: [...rest.matchAll(ATTRIBUTE)].map(([, key = "", a, b, c]) => [key.toLowerCase(), decodeEntities(a ?? b ?? c ?? "")] as [string, string]),
  }));
  const code = [...html.matchAll(/<(script|style)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi)].map((match) => match[2] ?? "");
  return { tags, code };
}

/** The problems a browser would have with this HTML; empty when it is inert. */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const { tags, code } = liveMarkup(html);
  for (const { name, attributes } of tags) {
    if (["iframe", "object", "embed", "base", "frame", "frameset", "applet"].includes(name)) problems.push(`<${name}> element`);
    for (const [key, value] of attributes) {
      if (key.startsWith("on") && PAYLOAD.test(value)) problems.push(`<${name} ${key}="${value}">`);
      if (LINK_ATTRIBUTES.has(key) || FETCH_ATTRIBUTES.has(key)) {
        // eslint-disable-next-line no-control-regex
        const scheme = value.replace(/[\x00-\x20]/g, "").toLowerCase();
        if (/^(javascript|vbscript|data):/.test(scheme) || (FETCH_ATTRIBUTES.has(key) && PAYLOAD.test(value))) problems.push(`<${name} ${key}="${value}">`);
      }
      if (key === "style" && (PAYLOAD.test(value) || /expression\(|url\(/i.test(value))) problems.push(`<${name} style="${value}">`);
      if (key === "http-equiv" && /refresh/i.test(value)) problems.push(`<${name} http-equiv=refresh>`);
    }
  }
  for (const text of code) if (PAYLOAD.test(text)) problems.push(`script or style holding ${PAYLOAD.exec(text)![0]}`);
  return problems;
}

const markdownRenderer = new Marked({ gfm: true });

/**
 * The problems of Markdown once a renderer that passes HTML through (as
 * many do) turns it into HTML: raw tags, javascript: links, and images, which
 * fetch from the network when the Markdown is viewed.
 */
export function markdownProblems(markdown: string): string[] {
  const html = markdownRenderer.parse(markdown, { async: false });
  const problems = htmlProblems(html);
  for (const { name, attributes } of liveMarkup(html).tags) {
    if (name === "img") problems.push(`<img src="${attributes.find(([key]) => key === "src")?.[1] ?? ""}">`);
    if (name === "script" || name === "style" || name === "svg") problems.push(`<${name}> element`);
  }
  return problems;
}

/** Characters that drive a terminal or disguise text: C0 (but tab, newline and CR), DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
