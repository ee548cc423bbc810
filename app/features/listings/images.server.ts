import sharp, { type Sharp } from 'sharp'
import { invalid } from '#app/utils/errors.ts'

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024
export const MAX_SCREENSHOTS = 6

export type ImageFormat = 'png' | 'jpeg' | 'webp'
export type ImageRole = 'logo' | 'screenshot'
export type ProcessedImage = { data: Buffer; contentType: string; ext: 'webp'; width: number; height: number }

/** What the first bytes say the file is: PNG, JPEG or WebP, or null for anything else. */
export function sniffImage(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47 && bytes[4] === 0x0d && bytes[5] === 0x0a && bytes[6] === 0x1a && bytes[7] === 0x0a)
    return 'png'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (bytes.length >= 12 && String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) === 'RIFF' && String.fromCharCode(bytes[8]!, bytes[9]!, bytes[10]!, bytes[11]!) === 'WEBP') return 'webp'
  return null
}

/**
 * Checks an uploaded image by its content (magic bytes, then a full decode by sharp) and
 * re-encodes it: logos to 256×256 (contained), screenshots to at most 1600×1000. Metadata is
 * dropped. `label` names the file in messages ("Logo", "Screenshot 2 (shot.png)").
 */
export async function processImage(bytes: Buffer, role: ImageRole, label: string): Promise<ProcessedImage> {
  if (bytes.length === 0) throw invalid(`${label} is empty.`)
  if (bytes.length > MAX_IMAGE_BYTES) throw invalid(`${label} is larger than 2 MB. Use a smaller image.`)
  const sniffed = sniffImage(bytes)
  if (!sniffed) throw invalid(`${label} is not a PNG, JPEG or WebP image. Upload a real image file (its name does not matter, its content does).`)
  let image: Sharp
  try {
    const meta = await sharp(bytes, { limitInputPixels: 50_000_000 }).metadata()
    if (meta.format !== sniffed) throw new Error(`format mismatch ${meta.format} vs ${sniffed}`)
    if (!meta.width || !meta.height) throw new Error('no dimensions')
    if (role === 'screenshot' && (meta.width < 200 || meta.height < 150)) {
      throw invalid(`${label} is too small (${meta.width}×${meta.height}); screenshots need at least 200×150 pixels.`)
    }
    image = sharp(bytes, { limitInputPixels: 50_000_000, failOn: 'error' }).rotate()
  } catch (error) {
    if (error instanceof Error && error.name === 'DomainError') throw error
    throw invalid(`${label} could not be read as an image. It may be damaged; export it again as PNG, JPEG or WebP.`)
  }
  try {
    const pipeline =
      role === 'logo' ? image.resize(256, 256, { fit: 'contain', background: { r: 255, g: 255, b: 255, alpha: 0 } }) : image.resize(1600, 1000, { fit: 'inside', withoutEnlargement: true })
    const { data, info } = await pipeline.webp({ quality: 82 }).toBuffer({ resolveWithObject: true })
    return { data, contentType: 'image/webp', ext: 'webp', width: info.width, height: info.height }
  } catch {
    throw invalid(`${label} could not be read as an image. It may be damaged; export it again as PNG, JPEG or WebP.`)
  }
}
