// Browser tests drive Debian's Chromium through playwright-core (browser downloads are not possible in a
// closed network), with a Japanese font (Debian's Chromium has none) and the emoji font (chat reactions) so
// that screenshots show what a person would see. Installs what is missing with apt-get when we are root;
// otherwise says what to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian package → a file it installs. */
const PACKAGES = {
  chromium: CHROMIUM,
  'fonts-ipaexfont': '/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf',
  'fonts-noto-color-emoji': '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf',
};

export function ensureChromium() {
  const missing = Object.entries(PACKAGES)
    // A Chromium of one's own (CHROMIUM_PATH) is not Debian's: its fonts are the system's business.
    .filter(([name, file]) => !existsSync(file) && (name === 'chromium' || !process.env.CHROMIUM_PATH))
    .map(([name]) => name);
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    const fontsOnly = !missing.includes('chromium');
    const message = `Missing for the browser tests: ${missing.join(', ')}. Install them (Debian: sudo apt-get install -y ${missing.join(' ')})${fontsOnly ? '' : ' or set CHROMIUM_PATH'}.`;
    // Without the fonts the tests still run (screenshots show empty boxes); without Chromium they cannot.
    if (fontsOnly) return console.warn(message);
    console.error(message);
    process.exit(1);
  }
  console.log(`Installing from Debian packages: ${missing.join(', ')} …`);
  execSync(
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`,
    {
      stdio: 'inherit',
    },
  );
  if (!existsSync(CHROMIUM)) {
    console.error('Chromium could not be installed.');
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
