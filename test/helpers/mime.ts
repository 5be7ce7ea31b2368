/**
 * Just enough RFC 5322 / MIME parsing to assert what a mail client would
 * show: unfolded headers, encoded-word subjects, and the decoded text of
 * each part of a multipart message (quoted-printable or base64).
 */
export interface ParsedPart {
  contentType: string;
  body: string;
}

export interface ParsedMessage {
  headers: Map<string, string>;
  subject: string;
  parts: ParsedPart[];
}

export function parseMessage(raw: string): ParsedMessage {
  const { headers, body } = split(raw);
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  const parts = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((chunk) => {
          const part = split(chunk.replace(/^\r?\n/, ""));
          return { contentType: part.headers.get("content-type") ?? "text/plain", body: decode(part.body, part.headers.get("content-transfer-encoding")) };
        })
    : [{ contentType: type, body: decode(body, headers.get("content-transfer-encoding")) }];
  return { headers, subject: decodeWords(headers.get("subject") ?? ""), parts };
}

function split(text: string): { headers: Map<string, string>; body: string } {
  const normal = text.replace(/\r\n/g, "\n");
  const end = normal.indexOf("\n\n");
  const head = end === -1 ? normal : normal.slice(0, end);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: end === -1 ? "" : normal.slice(end + 2) };
}

function decode(body: string, encoding = "7bit"): string {
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body.replace(/=\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
  }
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, mode: string, text: string) =>
      mode.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decode(text.replace(/_/g, " "), "quoted-printable"),
    );
}
