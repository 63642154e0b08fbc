import { createCanvas, loadImage } from '@napi-rs/canvas';

/** Decodes a PNG and samples it, so tests can check size, non-blankness and that text was drawn. */
export interface DecodedPng {
  width: number;
  height: number;
  /** Distinct colours over a sample grid (every 4th pixel both ways). */
  distinctColours: number;
  /** Dark pixels (luminance < 110) inside a rectangle; titles and axis labels are dark text. */
  darkPixelsIn(x: number, y: number, width: number, height: number): number;
}

export async function decodePng(bytes: Uint8Array): Promise<DecodedPng> {
  const image = await loadImage(Buffer.from(bytes));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, image.width, image.height).data;
  const colours = new Set<number>();
  for (let y = 0; y < image.height; y += 4) {
    for (let x = 0; x < image.width; x += 4) {
      const i = (y * image.width + x) * 4;
      colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
    }
  }
  return {
    width: image.width,
    height: image.height,
    distinctColours: colours.size,
    darkPixelsIn(x0, y0, width, height) {
      let dark = 0;
      for (let y = y0; y < Math.min(image.height, y0 + height); y++) {
        for (let x = x0; x < Math.min(image.width, x0 + width); x++) {
          const i = (y * image.width + x) * 4;
          if (0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2] < 110) dark++;
        }
      }
      return dark;
    },
  };
}

/** True when the bytes start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return signature.every((byte, i) => bytes[i] === byte);
}
