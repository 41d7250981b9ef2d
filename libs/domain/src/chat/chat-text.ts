/**
 * What the server and the web app both read out of a chat message's markdown source: the people mentioned
 * (`<@uuid>`, written by the composer when a name is picked), `@channel` / `@here`, and links to Ringi documents
 * and meetings. Pure functions, so both apps agree.
 */

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const MENTION = new RegExp(`<@(${UUID})>`, 'giu');
/** `@channel` or `@here` (also full-width ＠), standing alone. */
const MENTION_ALL = /(?:^|[\s(（「])[@＠](channel|here|全員|ここ)(?=$|[\s.,、。!?！？)）」])/iu;
const LINK = new RegExp(`(?:https?://[^\\s/]+)?/(approvals|meetings)/(${UUID})(?![\\w-])`, 'giu');

/** The ids mentioned with `<@uuid>`, each once, in order of appearance. */
export function mentionedIds(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!.toLowerCase()))];
}

/** `channel` for @channel / @全員, `here` for @here / @ここ, else null. */
export function mentionAll(text: string): 'channel' | 'here' | null {
  const m = MENTION_ALL.exec(text);
  if (!m) return null;
  const word = m[1]!.toLowerCase();
  return word === 'here' || word === 'ここ' ? 'here' : 'channel';
}

export interface RingiLinkRef {
  kind: 'approval' | 'meeting';
  id: string;
}

/** Links to Ringi approval documents (`/approvals/{id}`) and meetings (`/meetings/{id}`), each once, at most 10. */
export function ringiLinks(text: string): RingiLinkRef[] {
  const seen = new Set<string>();
  const refs: RingiLinkRef[] = [];
  for (const m of text.matchAll(LINK)) {
    const kind = m[1]!.toLowerCase() === 'approvals' ? 'approval' : 'meeting';
    const id = m[2]!.toLowerCase();
    if (seen.has(`${kind}:${id}`)) continue;
    seen.add(`${kind}:${id}`);
    refs.push({ kind, id });
    if (refs.length === 10) break;
  }
  return refs;
}

/** The text with each `<@uuid>` replaced by `@` and the person's name (unknown ids: `@?`). */
export function withMentionNames(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(MENTION, (_, id: string) => `@${names.get(id.toLowerCase()) ?? '?'}`);
}
