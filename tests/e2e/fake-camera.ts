/**
 * Chromium's fake camera, fed from a file the test writes: `--use-fake-device-for-media-stream`
 * with `--use-file-for-fake-video-capture=<file.y4m>` makes `getUserMedia` return that video
 * (looped). The file is written synchronously, at module load, because the launch options that
 * name it are read before any fixture runs:
 *
 *   const video = writeFakeCameraVideo('ticket-qr', qrFrame('https://…/staff/orders/RT-…'));
 *   test.use({ launchOptions: fakeCameraLaunchOptions(video) });
 *
 * Frames are RGB (3 bytes a pixel, rows top to bottom); the file is YUV4MPEG2 4:2:0, the format
 * Chromium's file capture reads.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import type { LaunchOptions } from '@playwright/test';
import { CHROMIUM_ARGS, findJourneyBrowser } from '../../scripts/lib/chromium.mjs';

export interface RgbFrame {
  width: number;
  height: number;
  /** width * height * 3 bytes */
  rgb: Uint8Array;
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Writes `frame` as a one-frame (looped) y4m video in the temp folder; returns its path. */
export function writeFakeCameraVideo(name: string, frame: RgbFrame, fps = 15): string {
  const { width, height, rgb } = frame;
  if (width % 2 || height % 2) throw new Error('y4m 4:2:0 needs even width and height');
  const y = new Uint8Array(width * height);
  const cw = width / 2;
  const ch = height / 2;
  const u = new Uint8Array(cw * ch);
  const v = new Uint8Array(cw * ch);
  for (let i = 0; i < width * height; i++) {
    const r = rgb[i * 3]!;
    const g = rgb[i * 3 + 1]!;
    const b = rgb[i * 3 + 2]!;
    y[i] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
  }
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      // the average of the 2x2 block
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const p = ((cy * 2 + dy) * width + cx * 2 + dx) * 3;
        r += rgb[p]!;
        g += rgb[p + 1]!;
        b += rgb[p + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      u[cy * cw + cx] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      v[cy * cw + cx] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-camera-'));
  const file = path.join(dir, `${name}.y4m`);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'ascii');
  fs.writeFileSync(file, Buffer.concat([header, Buffer.from('FRAME\n', 'ascii'), y, u, v]));
  return file;
}

/**
 * A QR code of `text` in the middle of a white `width` x `height` frame, each module `scale`
 * pixels (the way a ticket held in front of a camera fills part of the picture).
 */
export function qrFrame(text: string, { width = 640, height = 480, scale = 6 } = {}): RgbFrame {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const side = n * scale;
  if (side > Math.min(width, height)) throw new Error('the QR code does not fit the frame: lower the scale');
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const rgb = new Uint8Array(width * height * 3).fill(255);
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      if (!qr.modules.get(Math.floor(py / scale), Math.floor(px / scale))) continue;
      const p = ((top + py) * width + left + px) * 3;
      rgb[p] = rgb[p + 1] = rgb[p + 2] = 0;
    }
  }
  return { width, height, rgb };
}

/**
 * A busy, photo-like frame (smooth colour gradients with a grid of shapes): something a JPEG
 * encoder cannot shrink to nothing, so "smaller than the raw frame" means real compression.
 */
export function sceneFrame({ width = 1280, height = 720 } = {}): RgbFrame {
  const rgb = new Uint8Array(width * height * 3);
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const p = (py * width + px) * 3;
      const cell = (Math.floor(px / 80) + Math.floor(py / 80)) % 2;
      rgb[p] = clamp((px / width) * 255);
      rgb[p + 1] = clamp((py / height) * 200 + (cell ? 40 : 0));
      rgb[p + 2] = clamp(128 + 100 * Math.sin(px / 37) * Math.cos(py / 23));
    }
  }
  return { width, height, rgb };
}

/** The suite's launch options plus the fake camera reading `videoFile` (a y4m file). */
export function fakeCameraLaunchOptions(videoFile: string): LaunchOptions {
  return {
    executablePath: findJourneyBrowser() ?? undefined,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${videoFile}`,
    ],
  };
}
