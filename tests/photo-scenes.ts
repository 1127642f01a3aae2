/**
 * Photo-like test images for the photo quality checks, rendered from SVG by sharp: a phone with
 * a cracked screen on a desk, a printed label, and a shelf of devices. Each can be taken as a
 * camera would (`takePhoto`): out of focus (Gaussian blur), under- or over-exposed, then with
 * sensor noise (seeded, so every run is the same) and JPEG-encoded. Used by the unit tests that
 * chose the thresholds, the integration tests and the Playwright checks.
 */
import sharp from 'sharp';

export type SceneName = 'cracked-phone' | 'label' | 'shelf';

function crackedPhone(w: number, h: number): string {
  const cracks = [
    'M 700 300 L 640 420 L 660 520 L 600 700',
    'M 700 300 L 780 380 L 760 470 L 830 600',
    'M 700 300 L 610 260 L 560 180',
    'M 640 420 L 560 450 L 520 560',
    'M 760 470 L 700 560 L 720 760',
    'M 660 520 L 740 610',
  ];
  const grain = Array.from({ length: 40 }, (_, i) => {
    const y = 20 + i * (h / 40);
    return `<path d="M 0 ${y} Q ${w / 3} ${y + 14} ${(2 * w) / 3} ${y - 6} T ${w} ${y + 5}" stroke="#7a5230" stroke-width="3" fill="none" opacity="0.5"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <rect width="100%" height="100%" fill="#a8713f"/>${grain}
    <rect x="470" y="110" width="460" height="900" rx="60" fill="#1d1d1f"/>
    <rect x="495" y="160" width="410" height="800" rx="20" fill="#3b6fd1"/>
    <circle cx="700" cy="135" r="10" fill="#333"/>
    <text x="700" y="260" font-family="sans-serif" font-size="64" fill="#fff" text-anchor="middle">12:41</text>
    <text x="700" y="310" font-family="sans-serif" font-size="26" fill="#dde" text-anchor="middle">Monday 7 December</text>
    ${[0, 1, 2, 3]
      .map((r) =>
        [0, 1, 2, 3]
          .map(
            (c) =>
              `<rect x="${525 + c * 95}" y="${560 + r * 95}" width="70" height="70" rx="16" fill="hsl(${(r * 4 + c) * 23},70%,55%)"/>`,
          )
          .join(''),
      )
      .join('')}
    ${cracks.map((d) => `<path d="${d}" stroke="#f4f4f4" stroke-width="3" fill="none"/>`).join('')}
  </svg>`;
}

function label(w: number, h: number): string {
  const lines = [
    'RevivaTech intake RT-4K9P2Q',
    'Model: iPhone 15  IMEI 35 209 811 402 771',
    'Fault: screen cracked, touch dead lower half',
    'Customer declined data backup. Passcode given.',
    'Checked: Face ID OK, cameras OK, speakers OK',
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <rect width="100%" height="100%" fill="#a9a498"/>
    <rect x="120" y="100" width="${w - 240}" height="${h - 200}" fill="#e9e6dc" stroke="#555" stroke-width="4"/>
    ${lines.map((t, i) => `<text x="170" y="${220 + i * 110}" font-family="monospace" font-size="${44 - i * 3}" fill="#111">${t}</text>`).join('')}
    ${Array.from({ length: 60 }, (_, i) => `<rect x="${170 + i * 14}" y="${h - 260}" width="${i % 3 ? 4 : 8}" height="90" fill="#000"/>`).join('')}
  </svg>`;
}

function shelf(w: number, h: number): string {
  const items = Array.from({ length: 8 }, (_, i) => {
    const x = 80 + i * 180;
    return `<rect x="${x}" y="${300 + (i % 3) * 30}" width="140" height="${260 - (i % 3) * 30}" rx="18" fill="hsl(${i * 45},35%,${30 + (i % 4) * 10}%)" stroke="#222" stroke-width="5"/>
      <text x="${x + 70}" y="${620}" font-family="sans-serif" font-size="30" fill="#222" text-anchor="middle">RT-${100 + i}</text>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <rect width="100%" height="100%" fill="#d8dde3"/>
    <rect y="580" width="100%" height="60" fill="#6b4b2a"/>
    <rect y="640" width="100%" height="${h - 640}" fill="#8f8f8f"/>
    ${items}
  </svg>`;
}

const SCENES: Record<SceneName, (w: number, h: number) => string> = {
  'cracked-phone': crackedPhone,
  label,
  shelf,
};

export interface TakeOptions {
  /** width and height of the picture (the scene is drawn at 1600x1200 and scaled) */
  width?: number;
  height?: number;
  /** Gaussian blur sigma in pixels of the output: out of focus or shaken */
  blur?: number;
  /** multiplies every value: < 1 under-exposed, > 1 over-exposed (clipped at white) */
  exposure?: number;
  /** added to every value after `exposure` (a washed-out, glary shot) */
  lift?: number;
  /** standard deviation of the sensor noise, in 0..255 values (default 3) */
  noise?: number;
  seed?: number;
  format?: 'jpeg' | 'png' | 'webp';
}

/** A seeded pseudo-random generator (mulberry32), then Box-Muller for normal noise. */
function normalNoise(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() || 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

type Raw = { data: Buffer; info: { width: number; height: number; channels: 3 } };
const renders = new Map<string, Promise<Raw>>();

/** The scene drawn once per size (rendering SVG text is the slow part). */
function rendered(scene: SceneName, width: number, height: number): Promise<Raw> {
  const key = `${scene}:${width}x${height}`;
  let found = renders.get(key);
  if (!found) {
    found = sharp(Buffer.from(SCENES[scene](1600, 1200)))
      .resize(width, height, { fit: 'fill' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
      .then(({ data, info }) => ({
        data,
        info: { width: info.width, height: info.height, channels: 3 as const },
      }));
    renders.set(key, found);
  }
  return found;
}

/** The scene as a camera would take it (see TakeOptions); JPEG unless told otherwise. */
export async function takePhoto(scene: SceneName, options: TakeOptions = {}): Promise<Buffer> {
  const { width = 1600, height = 1200, blur = 0, exposure = 1, lift = 0, noise = 3, seed = 7 } = options;
  const base = await rendered(scene, width, height);
  let image = sharp(base.data, { raw: base.info });
  if (blur > 0) image = image.blur(blur);
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  const next = normalNoise(seed);
  const out = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]! * exposure + lift + noise * next();
    out[i] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
  }
  const taken = sharp(out, { raw: { width: info.width, height: info.height, channels: info.channels } });
  const format = options.format ?? 'jpeg';
  return format === 'jpeg' ? taken.jpeg({ quality: 88 }).toBuffer() : taken.toFormat(format).toBuffer();
}
