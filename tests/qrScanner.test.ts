import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterEach, describe, expect, it } from 'vitest';
import { QrScanner } from '../src/media/qrScanner.js';

let scanner: QrScanner | undefined;
afterEach(async () => {
  await scanner?.close();
  scanner = undefined;
});

/** A photo-like picture: a soft gradient, the code pasted in at (left, top) at the given size. */
async function photoWithCode(payload: string, o: { width: number; height: number; left: number; top: number; size: number }): Promise<{ data: Buffer; width: number; height: number }> {
  const code = PNG.sync.read(await QRCode.toBuffer(payload, { width: o.size, margin: 2 }));
  const data = Buffer.alloc(o.width * o.height * 4);
  for (let y = 0; y < o.height; y++) {
    for (let x = 0; x < o.width; x++) {
      const i = (y * o.width + x) * 4;
      data[i] = 80 + ((x * 120) / o.width) | 0;
      data[i + 1] = 60 + ((y * 100) / o.height) | 0;
      data[i + 2] = 140;
      data[i + 3] = 255;
    }
  }
  for (let y = 0; y < code.height; y++) code.data.copy(data, ((o.top + y) * o.width + o.left) * 4, y * code.width * 4, (y + 1) * code.width * 4);
  return { data, width: o.width, height: o.height };
}

describe('the QR scanner', () => {
  it('finds the code in a PNG and in a JPEG photo, off the main thread', async () => {
    scanner = new QrScanner();
    expect(await scanner.scan(await QRCode.toBuffer('https://u.wechat.com/abc', { width: 400 }))).toEqual({ found: 'https://u.wechat.com/abc' });
    const photo = await photoWithCode('加我微信 wxid_abc123', { width: 1600, height: 1200, left: 900, top: 500, size: 500 });
    const jpg = jpeg.encode(photo, 90).data;
    expect(await scanner.scan(jpg)).toEqual({ found: '加我微信 wxid_abc123' });
  });

  it('a picture without a code, or something that is not a PNG or JPEG, finds nothing', async () => {
    scanner = new QrScanner();
    const plain = new PNG({ width: 300, height: 200 });
    plain.data.fill(200);
    expect(await scanner.scan(PNG.sync.write(plain))).toEqual({ found: null });
    expect(await scanner.scan(Buffer.from('GIF89a not really'))).toEqual({ found: null });
  });

  it('refuses what would pile up: files too large, a full queue, and anything after close', async () => {
    scanner = new QrScanner({ maxBytes: 1000, maxQueue: 1 });
    expect(await scanner.scan(new Uint8Array(2000))).toEqual({ skipped: 'too-large' });
    const code = await QRCode.toBuffer('a', { width: 100 });
    expect(code.length).toBeLessThan(1000);
    const first = scanner.scan(code); // being looked at
    const second = scanner.scan(code); // waiting
    expect(await scanner.scan(code)).toEqual({ skipped: 'queue-full' });
    expect(await first).toEqual({ found: 'a' });
    expect(await second).toEqual({ found: 'a' });
    await scanner.close();
    expect(await scanner.scan(code)).toEqual({ skipped: 'closed' });
  });

  it('a broken picture is reported, and the scanner goes on', async () => {
    scanner = new QrScanner();
    const broken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(50, 1)]);
    expect(await scanner.scan(broken)).toMatchObject({ skipped: 'error' });
    expect(await scanner.scan(await QRCode.toBuffer('still here', { width: 200 }))).toEqual({ found: 'still here' });
  });
});
