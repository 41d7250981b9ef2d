import sharp from 'sharp';
import { AppException } from '../errors/app.exception';

/** What an uploaded image becomes before it is stored. */
export interface ImageRules {
  /** Longest side of the stored image in pixels; larger images are scaled down, smaller ones kept. */
  maxSide: number;
  /** Format of the stored image. JPEG has no transparency: transparent parts become white. */
  format: 'jpeg' | 'png' | 'webp';
}

/** Images are never stored as uploaded: always re-encoded (see `reencodeImage`). */
export const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** For an upload whose rules name none. */
export const DEFAULT_IMAGE_RULES: ImageRules = { maxSide: 2048, format: 'jpeg' };

/**
 * The most pixels an uploaded image may declare (about 50 megapixels: a 48 MP phone photo passes). Checked on
 * the header before anything is decoded, so a small file declaring 60000×60000 pixels (a decompression bomb)
 * costs nothing; sharp's own `limitInputPixels` enforces it again while decoding.
 */
export const MAX_INPUT_PIXELS = 50_000_000;

const MIME: Record<ImageRules['format'], string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
const EXTENSION: Record<ImageRules['format'], string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

export interface ProcessedImage {
  bytes: Buffer;
  mimeType: string;
  extension: string;
  width: number;
  height: number;
}

/**
 * Re-encodes an uploaded image: turned upright by its EXIF orientation, scaled to fit `maxSide`, converted to
 * sRGB, written without any metadata (EXIF with GPS position and camera serial, XMP, IPTC, ICC, comments).
 * Refuses an image declaring too many pixels (422 `files/image_too_large`) and one that cannot be decoded
 * (422 `files/image_unreadable`).
 */
export async function reencodeImage(input: Buffer, rules: ImageRules): Promise<ProcessedImage> {
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(input, { limitInputPixels: false }).metadata());
  } catch {
    throw new AppException('files/image_unreadable');
  }
  if (!width || !height) throw new AppException('files/image_unreadable');
  if (width * height > MAX_INPUT_PIXELS) throw new AppException('files/image_too_large');

  let pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', autoOrient: true })
    .timeout({ seconds: 20 })
    .resize({ width: rules.maxSide, height: rules.maxSide, fit: 'inside', withoutEnlargement: true });
  if (rules.format === 'jpeg')
    pipeline = pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 85, mozjpeg: true });
  else if (rules.format === 'png') pipeline = pipeline.png({ compressionLevel: 9 });
  else pipeline = pipeline.webp({ quality: 85 });
  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      mimeType: MIME[rules.format],
      extension: EXTENSION[rules.format],
      width: info.width,
      height: info.height,
    };
  } catch (error) {
    if (/pixel limit/i.test((error as Error).message)) throw new AppException('files/image_too_large');
    throw new AppException('files/image_unreadable');
  }
}
