// Makes the web app's PNG icons (home screen, manifest) from apps/web/public/favicon.svg. Run by hand after changing
// the SVG: `node scripts/make-icons.mjs`; the PNGs are committed (the build does not need sharp for them).
import sharp from 'sharp';

const svg = 'apps/web/public/favicon.svg';
const out = 'apps/web/public/icons';
const sizes = [
  ['icon-192.png', 192, 0],
  ['icon-512.png', 512, 0],
  // Maskable: the mark within the safe zone (80 %), the rest in the brand colour.
  ['icon-maskable-512.png', 512, 0.1],
  // iOS home screen (it rounds the corners itself).
  ['apple-touch-icon.png', 180, 0],
];
for (const [name, size, pad] of sizes) {
  const inner = Math.round(size * (1 - pad * 2));
  const mark = await sharp(svg, { density: 1200 }).resize(inner, inner).png().toBuffer();
  await sharp({ create: { width: size, height: size, channels: 4, background: '#1d4e89' } })
    .composite([{ input: mark, gravity: 'center' }])
    .png({ compressionLevel: 9 })
    .toFile(`${out}/${name}`);
  console.log(`${out}/${name}`);
}
