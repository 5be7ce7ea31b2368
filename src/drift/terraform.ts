import { unparsed } from "./lines.js";
import { readHcl, type HclBlock, type HclItem } from "./hcl.js";
import type { LinesDetails, TerraformBlockChange, TerraformDetails } from "./types.js";

/** How each top-level block type is addressed, the way Terraform names it. */
const ADDRESS: Record<string, (labels: string[]) => string> = {
  resource: (labels) => labels.join("."),
  data: (labels) => ["data", ...labels].join("."),
  module: (labels) => ["module", ...labels].join("."),
  variable: (labels) => ["var", ...labels].join("."),
  output: (labels) => ["output", ...labels].join("."),
  provider: (labels) => ["provider", ...labels].join("."),
};

/**
 * Terraform (and other HCL: tfvars, bake files, lock files) by block address:
 * `aws_db_instance.main`, `module.vpc`, `var.region`, `local.tags`. Values are
 * never shown, only which top-level attributes or nested blocks changed.
 */
export function diffTerraform(before: string | null, after: string | null): TerraformDetails | LinesDetails {
  const old = before === null ? [] : readHcl(before);
  const now = after === null ? [] : readHcl(after);
  if (!old || !now) return unparsed(before, after);
  const oldBlocks = addressed(old);
  const newBlocks = addressed(now);
  const changed: TerraformBlockChange[] = [];
  for (const [address, item] of newBlocks) {
    const previous = oldBlocks.get(address);
    if (previous && previous.text !== item.text) changed.push({ address, attributes: changedMembers(previous, item) });
  }
  return {
    kind: "terraform",
    added: [...newBlocks.keys()].filter((address) => !oldBlocks.has(address)),
    removed: [...oldBlocks.keys()].filter((address) => !newBlocks.has(address)),
    changed,
  };
}

/** Top-level items by address; each `locals` attribute is its own `local.name`. */
function addressed(items: readonly HclItem[]): Map<string, HclItem> {
  const out = new Map<string, HclItem>();
  const add = (address: string, item: HclItem) => {
    let unique = address;
    for (let n = 2; out.has(unique); n++) unique = `${address}#${n}`;
    out.set(unique, item);
  };
  for (const item of items) {
    if (item.kind === "attribute") add(item.name, item);
    else if (item.type === "locals") for (const member of item.body) add(`local.${member.kind === "attribute" ? member.name : member.type}`, member);
    else add(addressOf(item), item);
  }
  return out;
}

function addressOf(block: HclBlock): string {
  const address = (ADDRESS[block.type] ?? ((labels: string[]) => [block.type, ...labels].join(".")))(block.labels);
  const alias = block.type === "provider" ? block.body.find((item) => item.kind === "attribute" && item.name === "alias") : undefined;
  return alias ? `${address}.${alias.text.replace(/^"|"$/g, "")}` : address;
}

/** Names of the attributes and nested blocks that differ between two versions of a block. */
function changedMembers(before: HclItem, after: HclItem): string[] {
  if (before.kind !== "block" || after.kind !== "block") return [];
  const old = members(before.body);
  const now = members(after.body);
  const names = new Set<string>();
  for (const [key, text] of now) if (old.get(key) !== text) names.add(key.replace(/#\d+$/, ""));
  for (const key of old.keys()) if (!now.has(key)) names.add(key.replace(/#\d+$/, ""));
  return [...names];
}

function members(body: readonly HclItem[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of body) {
    const name = item.kind === "attribute" ? item.name : [item.type, ...item.labels].join(".");
    let key = name;
    for (let n = 2; out.has(key); n++) key = `${name}#${n}`;
    out.set(key, item.text);
  }
  return out;
}
