// markdown-it ships no types; only what chat uses (markdown.ts).
declare module 'markdown-it' {
  interface Options {
    html?: boolean;
    linkify?: boolean;
    breaks?: boolean;
    typographer?: boolean;
  }
  export default class MarkdownIt {
    constructor(options?: Options);
    render(source: string): string;
    disable(rules: string | string[]): this;
    validateLink: (url: string) => boolean;
  }
}
