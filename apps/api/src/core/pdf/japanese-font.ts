import { readFile } from 'node:fs/promises';
import * as fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

/**
 * The Japanese font of the PDFs Ringi draws on the server (the 決裁文書, notes exported from meetings): Noto Sans
 * JP from the `@expo-google-fonts/noto-sans-jp` package, read once per process, and a fontkit whose subsetter
 * writes glyphs viewers can read. Embed with `doc.registerFontkit(evenGlyphFontkit)` and `{ subset: true }`.
 */

const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
} as const;

export interface ExportFontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

let fontBytes: Promise<ExportFontBytes> | undefined;

/** The font files, read once per process (on first use) and kept. */
export function exportFontBytes(): Promise<ExportFontBytes> {
  fontBytes ??= Promise.all([
    readFile(require.resolve(FONT_FILES.regular)),
    readFile(require.resolve(FONT_FILES.bold)),
  ]).then(
    ([regular, bold]) => ({ regular, bold }),
    (err: unknown) => {
      fontBytes = undefined;
      throw err;
    },
  );
  return fontBytes;
}

interface GlyphSubset {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}

/**
 * fontkit with its TrueType subsetter fixed. @pdf-lib/fontkit 1.1.1 copies each glyph as it is and writes the
 * short `loca` format (offsets halved) for a small subset, so after any glyph of odd length every later glyph
 * is read one byte off and most characters of Noto Sans JP vanish in viewers (the text still extracts). Each
 * glyph is padded to an even length here, as the TrueType specification asks (fontkit 2 does the same).
 */
export const evenGlyphFontkit: Parameters<PDFDocument['registerFontkit']>[0] = {
  ...fontkit,
  create(buffer, postscriptName) {
    const font = fontkit.create(buffer, postscriptName);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      const internals = subset as unknown as GlyphSubset;
      const addGlyph = internals._addGlyph.bind(internals);
      internals._addGlyph = (gid) => {
        const index = addGlyph(gid);
        const data = internals.glyf[index];
        if (data.length % 2) {
          // The same Buffer class as fontkit's own (its bundle brings one), one zero byte longer.
          const padded = (data.constructor as typeof Buffer).alloc(data.length + 1);
          padded.set(data);
          internals.glyf[index] = padded;
          internals.offset += 1;
        }
        return index;
      };
      return subset;
    };
    return font;
  },
};
