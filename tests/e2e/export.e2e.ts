/**
 * Export → SVG and PNG as a user does it, from the Export menu. Both pictures come from one
 * drawing of the blueprint, so the SVG rendered outside the browser by ImageMagick must look like
 * the PNG the browser made: the test compares them pixel by pixel at a small size, and checks the
 * lane colours where the lanes are.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LANE_LABEL_FILLS } from '../../src/document/drawing';
import { LANES } from '../../src/sim/model';
import { openApp, shotPath } from './browser';

/** ImageMagick's `convert` (Debian's package `imagemagick`). */
const CONVERT = process.env.CONVERT_PATH ?? 'convert';

function magick(args: string[]): Buffer {
  return execFileSync(CONVERT, args, { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
}

/** Width and height of a PNG, from its header. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A picture shrunk to `width` × `height` and turned to 8-bit grey, one byte per pixel. */
function greyPixels(path: string, width: number, height: number): Buffer {
  return magick([
    path,
    '-background',
    'white',
    '-alpha',
    'remove',
    '-resize',
    `${width}x${height}!`,
    '-colorspace',
    'Gray',
    '-depth',
    '8',
    'gray:-',
  ]);
}

function meanAbsoluteDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

/** The colour of one pixel, as [r, g, b] 0–255. */
function pixel(path: string, x: number, y: number): number[] {
  const bytes = magick([
    path,
    '-crop',
    `1x1+${Math.round(x)}+${Math.round(y)}`,
    '-depth',
    '8',
    'rgb:-',
  ]);
  return [...bytes.subarray(0, 3)];
}

function rgb(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

/**
 * Where the drawing puts each lane's name cell, in picture pixels at scale 1: the cells are
 * rects of class `fp-lane-name-cell` inside a group shifted by `translate(dx dy)`.
 */
function laneCells(svg: string): { x: number; y: number; height: number }[] {
  const cells = [
    ...svg.matchAll(
      /<rect x="([-\d.]+)" y="([-\d.]+)" width="[\d.]+" height="([\d.]+)" fill="#[\da-f]+" class="fp-lane-name-cell"/g,
    ),
  ];
  const groups = [...svg.matchAll(/<g transform="translate\(([-\d.]+) ([-\d.]+)\)">/g)];
  const [dx, dy] = [Number(groups[0][1]), Number(groups[0][2])];
  return cells.map(([, x, y, height]) => ({
    x: Number(x) + dx,
    y: Number(y) + dy,
    height: Number(height),
  }));
}

async function download(page: Page, menuExport: string, item: string, save: string) {
  await page.getByRole('button', { name: menuExport }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: item }).click(),
  ]);
  const path = shotPath(save);
  copyFileSync(await file.path(), path);
  return { name: file.suggestedFilename(), path };
}

/**
 * Largest mean grey difference, 0–255, allowed between the browser's PNG and ImageMagick's
 * rendering of the SVG, both shrunk to 200 pixels wide. The two renderers place the same
 * shapes; they differ in anti-aliasing and in how glyphs are hinted and advanced, which at this
 * size blurs into a fraction of a grey level along text and edges: the courier measures 0.45 in
 * English and 0.48 in Chinese. A picture without its drawing is far off: the browser's PNG
 * against a white page measures 11.2, which the test checks stays above twice the bar. The bar
 * sits at six times the measured noise and a quarter of that blank-page distance.
 */
const MAX_MEAN_DIFFERENCE = 3;

describe('export the canvas as pictures', () => {
  it('exports SVG and PNG that look alike, in the browser and outside it', async () => {
    const { context, page } = await openApp();
    const svg = await download(page, 'Export', 'Canvas as SVG', 'export-courier.svg');
    const png = await download(page, 'Export', 'Canvas as PNG', 'export-courier-browser.png');
    expect(svg.name).toBe('Courier-pickup-and-delivery.svg');
    expect(png.name).toBe('Courier-pickup-and-delivery.png');

    const text = readFileSync(svg.path, 'utf8');
    // A drawing, not a snapshot of the page: no HTML inside, the blueprint's own words as text.
    expect(text).not.toContain('foreignObject');
    expect(text).toContain('<title>Courier pickup and delivery</title>');
    for (const name of ['CUSTOMER', 'FRONTSTAGE', 'BACKSTAGE', 'Line of visibility']) {
      expect(text).toContain(`>${name}</text>`);
    }
    // The analysis had run: the worst step is tinted and marked as the app shows it.
    expect(text).toContain('class="fp-mark"');

    const width = Number(/<svg [^>]*width="(\d+)"/.exec(text)![1]);
    const height = Number(/<svg [^>]*height="(\d+)"/.exec(text)![1]);
    const browserSize = pngSize(readFileSync(png.path));
    expect(browserSize).toEqual({ width: 2 * width, height: 2 * height });

    const rendered = shotPath('export-courier-imagemagick.png');
    magick([svg.path, rendered]);
    expect(pngSize(readFileSync(rendered))).toEqual({ width, height });

    const small = { width: 200, height: Math.round((200 * height) / width) };
    const ours = greyPixels(png.path, small.width, small.height);
    const theirs = greyPixels(rendered, small.width, small.height);
    const difference = meanAbsoluteDifference(ours, theirs);
    const blank = meanAbsoluteDifference(ours, Buffer.alloc(ours.length, 255));
    console.log(
      `export: ${width}×${height} px; mean grey difference ${difference.toFixed(2)} (against white ${blank.toFixed(2)})`,
    );
    expect(difference).toBeLessThan(MAX_MEAN_DIFFERENCE);
    expect(blank).toBeGreaterThan(2 * MAX_MEAN_DIFFERENCE);

    // Each lane's colour where its name is, in both pictures.
    const cells = laneCells(text);
    expect(cells).toHaveLength(4);
    LANES.forEach((lane, i) => {
      const cell = cells[i];
      const expected = rgb(LANE_LABEL_FILLS[lane]);
      // Near the bottom of the name cell, clear of the name itself.
      const x = cell.x + 4;
      const y = cell.y + cell.height - 6;
      for (const [picture, scale] of [
        [png.path, 2],
        [rendered, 1],
      ] as const) {
        const got = pixel(picture, x * scale, y * scale);
        got.forEach((channel, c) => expect(Math.abs(channel - expected[c])).toBeLessThanOrEqual(4));
      }
    });
    await page.screenshot({ path: shotPath('export-menu-app.png') });
    await context.close();
  });

  it('draws decisions, bars, recoveries, failure edges and a failure end alike in both', async () => {
    const { context, page } = await openApp();
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('menuitem', { name: /Bank loan application/ }).click();
    await page.getByRole('toolbar').getByText('Bank loan application').waitFor();
    const svg = await download(page, 'Export', 'Canvas as SVG', 'export-bank-loan.svg');
    const png = await download(page, 'Export', 'Canvas as PNG', 'export-bank-loan-browser.png');
    const text = readFileSync(svg.path, 'utf8');
    expect(text).toContain('<title>Bank loan application</title>');
    expect(text).toContain('class="fp-edge fp-edge--failure"');
    const rendered = shotPath('export-bank-loan-imagemagick.png');
    magick([svg.path, rendered]);

    const width = Number(/<svg [^>]*width="(\d+)"/.exec(text)![1]);
    const height = Number(/<svg [^>]*height="(\d+)"/.exec(text)![1]);
    const small = { width: 200, height: Math.round((200 * height) / width) };
    const difference = meanAbsoluteDifference(
      greyPixels(png.path, small.width, small.height),
      greyPixels(rendered, small.width, small.height),
    );
    console.log(
      `export (bank loan): ${width}×${height} px; mean grey difference ${difference.toFixed(2)}`,
    );
    expect(difference).toBeLessThan(MAX_MEAN_DIFFERENCE);

    // The failure end is red in both pictures, just inside its rim.
    const [dx, dy] = [...text.matchAll(/<g transform="translate\(([-\d.]+) ([-\d.]+)\)">/g)][0]
      .slice(1)
      .map(Number);
    const end =
      /<circle class="fp-node-shape fp-end fp-end--failure" cx="([-\d.]+)" cy="([-\d.]+)"/.exec(
        text,
      )!;
    const [cx, cy] = [Number(end[1]) + dx, Number(end[2]) + dy];
    for (const [picture, scale] of [
      [png.path, 2],
      [rendered, 1],
    ] as const) {
      const got = pixel(picture, (cx - 12) * scale, cy * scale);
      rgb('#dc2626').forEach((channel, c) =>
        expect(Math.abs(got[c] - channel)).toBeLessThanOrEqual(6),
      );
    }
    await context.close();
  });

  it('exports the Chinese interface with Chinese lane and line names', async () => {
    const { context, page } = await openApp({ locale: 'zh-CN' });
    const svg = await download(page, '导出', '画布导出为 SVG', 'export-courier-zh.svg');
    const text = readFileSync(svg.path, 'utf8');
    for (const name of [
      '顾客',
      '前台',
      '后台',
      '支持过程',
      '互动分界线',
      '可视分界线',
      '内部互动分界线',
    ]) {
      expect(text).toContain(`>${name}</text>`);
    }
    const rendered = shotPath('export-courier-zh-imagemagick.png');
    magick([svg.path, rendered]);
    const png = await download(page, '导出', '画布导出为 PNG', 'export-courier-zh-browser.png');
    const width = Number(/<svg [^>]*width="(\d+)"/.exec(text)![1]);
    const height = Number(/<svg [^>]*height="(\d+)"/.exec(text)![1]);
    const small = { width: 200, height: Math.round((200 * height) / width) };
    const difference = meanAbsoluteDifference(
      greyPixels(png.path, small.width, small.height),
      greyPixels(rendered, small.width, small.height),
    );
    console.log(`export (zh): mean grey difference ${difference.toFixed(2)}`);
    expect(difference).toBeLessThan(MAX_MEAN_DIFFERENCE);
    await context.close();
  });
});
