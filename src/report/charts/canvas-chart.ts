import { createCanvas, GlobalFonts, type Canvas } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
import type { ChartImage } from '../types.js';

/**
 * Server-side chart.js: a chart is drawn once onto an @napi-rs/canvas (no DOM, no animation, fixed size)
 * and turned into PNG bytes. Text needs a real font: we pick one fontconfig/Skia actually has.
 */

let registered = false;
let fontFamily: string | undefined;

const PREFERRED_FONTS = ['DejaVu Sans', 'Liberation Sans', 'Noto Sans', 'Arial', 'Helvetica', 'FreeSans'];
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts'];

/** The font family charts are drawn with, or undefined when the host has no font at all (text would not render). */
export function chartFontFamily(): string | undefined {
  setUp();
  return fontFamily;
}

function setUp(): void {
  if (registered) return;
  Chart.register(...registerables);
  let families = GlobalFonts.families.map((font) => font.family);
  if (families.length === 0) {
    // Skia found nothing through its default lookup; load the usual system folders explicitly.
    for (const dir of FONT_DIRS) GlobalFonts.loadFontsFromDir(dir);
    families = GlobalFonts.families.map((font) => font.family);
  }
  fontFamily = PREFERRED_FONTS.find((name) => families.includes(name)) ?? families[0];
  if (fontFamily !== undefined) Chart.defaults.font.family = `'${fontFamily}', sans-serif`;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = '#333';
  registered = true;
}

/** Paints the whole canvas white first: PNGs have no transparent background in viewers or dark mode. */
const whiteBackground: Plugin = {
  id: 'gatebench-white-background',
  beforeDraw(chart) {
    const context = chart.ctx;
    context.save();
    context.globalCompositeOperation = 'destination-over';
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, chart.width, chart.height);
    context.restore();
  },
};

export interface ChartSize {
  widthPx: number;
  heightPx: number;
}

/** Draws one chart onto a new canvas and returns the canvas (for composing grids). */
export function drawChart(config: ChartConfiguration, size: ChartSize): Canvas {
  setUp();
  const canvas = createCanvas(size.widthPx, size.heightPx);
  const context = canvas.getContext('2d');
  const options = { ...config.options, animation: false as const, responsive: false, maintainAspectRatio: false, devicePixelRatio: 1 };
  // chart.js is typed against the DOM's CanvasRenderingContext2D; @napi-rs/canvas implements the same API.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const chart = new Chart(context as any, { ...config, options, plugins: [...(config.plugins ?? []), whiteBackground] } as ChartConfiguration);
  // destroy() clears the canvas, so keep a copy of the drawing first; destroy() frees chart.js's registry entry.
  const snapshot = createCanvas(size.widthPx, size.heightPx);
  snapshot.getContext('2d').drawImage(canvas, 0, 0);
  chart.destroy();
  return snapshot;
}

function renderChartPng(config: ChartConfiguration, size: ChartSize): Uint8Array {
  return drawChart(config, size).toBuffer('image/png');
}

/** Lays out small charts in a grid on one white canvas (one PNG for many points keeps the file count sane). */
function composeGrid(cells: Canvas[], columns: number, cell: ChartSize, title: string): Canvas {
  setUp();
  const titleHeightPx = 36;
  const rows = Math.max(1, Math.ceil(cells.length / columns));
  const canvas = createCanvas(cell.widthPx * columns, titleHeightPx + cell.heightPx * rows);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#222';
  context.font = `bold 16px '${fontFamily ?? 'sans-serif'}'`;
  context.textBaseline = 'middle';
  context.fillText(title, 12, titleHeightPx / 2);
  cells.forEach((cellCanvas, index) => {
    const x = (index % columns) * cell.widthPx;
    const y = titleHeightPx + Math.floor(index / columns) * cell.heightPx;
    context.drawImage(cellCanvas, x, y);
  });
  return canvas;
}

const MAIN_CHART: ChartSize = { widthPx: 1000, heightPx: 560 };

/** Renders a chart to PNG and wraps it with the names the reports use (`charts/<id>.png`). */
export function chartImage(id: string, title: string, description: string, config: ChartConfiguration, size = MAIN_CHART): ChartImage {
  return { id, file: `charts/${id}.png`, title, description, widthPx: size.widthPx, heightPx: size.heightPx, png: renderChartPng(config, size) };
}

/** Composes small charts into one grid PNG (at most `columns` wide) and wraps it like chartImage. */
export function gridImage(id: string, title: string, description: string, cells: Canvas[], columns: number, cell: ChartSize): ChartImage {
  const grid = composeGrid(cells, Math.min(columns, cells.length), cell, title);
  return { id, file: `charts/${id}.png`, title, description, widthPx: grid.width, heightPx: grid.height, png: grid.toBuffer('image/png') };
}

/** Tick labels for a logarithmic axis: only 1, 2 and 5 times a power of ten, so labels never collide. */
export function logTickLabel(value: number | string): string {
  const number = Number(value);
  if (!(number > 0)) return '';
  const leading = number / Math.pow(10, Math.floor(Math.log10(number) + 1e-9));
  return [1, 2, 5].some((digit) => Math.abs(leading - digit) < 1e-6) ? number.toLocaleString('en-US') : '';
}

/** Smaller legend markers than chart.js's default point-style boxes. */
export const COMPACT_LEGEND_LABELS = { usePointStyle: true, boxWidth: 8, boxHeight: 8 } as const;
