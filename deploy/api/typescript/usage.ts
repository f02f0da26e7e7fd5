// What a frontend writes against the client generated from the suite's OpenAPI document (openapi-typescript), under
// `tsc --strict`: no casts, no non-null assertions. Properties are read without checks where the document says they
// are always there, and checked for null where it says they may be null. The type-level checks below pin what the
// answers really carry (the robustness sweeps check the answers against the document): a property that can be null
// must be nullable in the generated types, one that cannot must not be, and both must be always present.
import type { components } from "./scaffold";

type Schemas = components["schemas"];
type MayBeNull<T> = null extends T ? true : false;
type AlwaysThere<T, K extends keyof T> = {} extends Pick<T, K> ? false : true;

export const nullability: [
  MayBeNull<Schemas["Request"]["resolvedAt"]>, MayBeNull<Schemas["Request"]["acceptedHelperId"]>,
  MayBeNull<Schemas["Request"]["requesterId"]>, MayBeNull<Schemas["Request"]["communityId"]>,
  MayBeNull<Schemas["Request"]["rank"]>, MayBeNull<Schemas["CursorPageRequestView"]["nextCursor"]>,
  MayBeNull<Schemas["Notification"]["readAt"]>, MayBeNull<Schemas["Community"]["myRole"]>,
  MayBeNull<Schemas["RequestStats"]["answeredShare"]>,
  MayBeNull<Schemas["Request"]["title"]>, MayBeNull<Schemas["Request"]["status"]>,
  MayBeNull<Schemas["Notification"]["kind"]>, MayBeNull<Schemas["Community"]["name"]>,
] = [true, true, true, true, true, true, true, true, true, false, false, false, false];

export const presence: [
  AlwaysThere<Schemas["Request"], "resolvedAt">, AlwaysThere<Schemas["Request"], "rank">,
  AlwaysThere<Schemas["CursorPageRequestView"], "items">, AlwaysThere<Schemas["CursorPageRequestView"], "nextCursor">,
  AlwaysThere<Schemas["Notification"], "readAt">, AlwaysThere<Schemas["Community"], "myRole">,
  AlwaysThere<Schemas["RequestStats"], "medianSecondsToResolution">,
] = [true, true, true, true, true, true, true];

export function requestLine(r: Schemas["Request"]): string {
  const resolved = r.resolvedAt === null ? "open" : String(r.resolvedAt);
  const where = r.communityId === null ? "outside any community" : `${r.communityName ?? ""}`;
  const who = r.requesterId === null ? r.requesterLabel : r.requesterId;
  const rank = r.rank === null ? "" : r.rank.toFixed(2);
  const helper = r.acceptedHelperId === null ? "nobody yet" : r.acceptedHelperId;
  return `${r.title.trim()} (${r.status}, ${r.urgency}) ${where} ${who} ${resolved} ${rank} ${helper} ${r.tags.join(",")}`;
}

export function nextRequestsPage(page: Schemas["CursorPageRequestView"]): string | null {
  return page.items.length === 0 || page.nextCursor === null ? null : page.nextCursor.trim();
}

export function inboxLine(n: Schemas["Notification"]): string {
  const read = n.readAt === null ? "unread" : "read";
  const community = n.communityId === null ? "" : String(n.communityId);
  return `${n.title.trim()} ${n.kind} ${read} ${community} ${n.count}`;
}

export function communityLine(c: Schemas["Community"]): string {
  const role = c.myRole === null ? "not a member" : c.myRole;
  return `${c.name.trim()} ${c.visibility} ${c.memberCount} ${role} ${c.tags.join(",")}`;
}

export function statsLine(s: Schemas["RequestStats"]): string {
  const answered = s.answeredShare === null ? "no requests" : `${Math.round(s.answeredShare * 100)} %`;
  return `${s.requests} requests, answered ${answered}`;
}

export function problemLine(p: Schemas["Problem"]): string {
  const fields = (p.errors ?? []).map((e) => `${e.field}: ${e.message}`).join("; ");
  return `${p.status} ${p.type} ${p.title}: ${p.detail} ${p.instance} ${fields}`;
}
