import { pdfJsBuildFor } from './build';

describe('which pdf.js build a browser gets', () => {
  it('gives the modern build where Promise.withResolvers and URL.parse exist, the legacy one on older Safari', () => {
    const modern = { Promise: { withResolvers: () => undefined }, URL: { parse: () => null } };
    expect(pdfJsBuildFor(modern)).toBe('modern');
    // iPadOS 17.4–17.x: withResolvers but no URL.parse.
    expect(pdfJsBuildFor({ ...modern, URL: {} })).toBe('legacy');
    // iPadOS 16.4: neither.
    expect(pdfJsBuildFor({ Promise: {}, URL: {} })).toBe('legacy');
    expect(pdfJsBuildFor({})).toBe('legacy');
  });
});
