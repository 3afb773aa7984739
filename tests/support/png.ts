import { PNG } from 'pngjs';

/** A PNG drawn pixel by pixel (pictures members send, in tests). */
export function pngOf(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      png.data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

/** How many pixels in the rectangle are inked (text, lines: clearly not white): a label area with none is blank. */
export function inkedPixels(png: Buffer, area: { x: number; y: number; width: number; height: number }): number {
  const { data, width } = PNG.sync.read(png);
  let dark = 0;
  for (let y = area.y; y < area.y + area.height; y++) {
    for (let x = area.x; x < area.x + area.width; x++) {
      const i = (y * width + x) * 4;
      if (data[i]! + data[i + 1]! + data[i + 2]! < 3 * 200) dark++;
    }
  }
  return dark;
}
