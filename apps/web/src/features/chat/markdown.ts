import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

/**
 * Chat messages are markdown source written by anyone in the channel: rendered without raw HTML, without
 * pictures from addresses, with links only to http(s) and this app's own paths, then sanitised once more by
 * DOMPurify to a small set of tags (defence in depth; markdown-it alone is not trusted to stay safe).
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
md.disable(['image']);
md.validateLink = (url: string) => isSafeHref(url);

export function isSafeHref(url: string): boolean {
  const trimmed = url.trim();
  if (trimmed.startsWith('//')) return false;
  if (trimmed.startsWith('/') || trimmed.startsWith('#') || trimmed.startsWith('?')) return true;
  return /^https?:\/\//i.test(trimmed);
}

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  's',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'span',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

let hooked = false;
function hook(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!isSafeHref(href)) node.removeAttribute('href');
      else if (!href.startsWith('/') && !href.startsWith('#')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    }
    if (node.tagName === 'SPAN') {
      const cls = node.getAttribute('class') ?? '';
      if (cls !== 'chat-mention' && cls !== 'chat-mention chat-mention--me') node.removeAttribute('class');
    }
  });
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** `<@uuid>` as the name of that person, `@channel` / `@here` marked. */
export function renderMessage(
  text: string,
  names: (id: string) => string | undefined,
  meId: string | null,
): string {
  hook();
  let html = md.render(text);
  html = html.replace(/&lt;@([0-9a-f-]{36})&gt;/g, (_all, id: string) => {
    const name = names(id) ?? '?';
    const cls = id === meId ? 'chat-mention chat-mention--me' : 'chat-mention';
    return `<span class="${cls}">@${escapeHtml(name)}</span>`;
  });
  html = html.replace(/(^|[\s>])@(channel|here)\b/g, '$1<span class="chat-mention">@$2</span>');
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'class', 'target', 'rel'],
    ALLOW_DATA_ATTR: false,
  });
}

/** `@名前` typed in the composer becomes `<@id>` when sent (names picked from the autocomplete). */
export function encodeMentions(text: string, picked: Map<string, string>): string {
  let out = text;
  const names = [...picked.keys()].sort((a, b) => b.length - a.length);
  for (const name of names) out = out.split(`@${name}`).join(`<@${picked.get(name)}>`);
  return out;
}

/** `<@id>` shown as `@名前` again when editing. */
export function decodeMentions(text: string, names: (id: string) => string | undefined): string {
  return text.replace(/<@([0-9a-f-]{36})>/g, (_all, id: string) => `@${names(id) ?? id}`);
}
