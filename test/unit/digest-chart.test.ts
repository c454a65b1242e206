import fc from 'fast-check';
import { PNG } from 'pngjs';
import { shiftIsoWeek } from '../../src/domain/calendar';
import {
  CHART_WEEKS,
  digestChart,
  formatRupiahShort,
  groupWeeklyTotals,
  valueAxis,
  type WeekTotals,
} from '../../src/domain/digests/chart-data';
import {
  CHART_COLOURS,
  CHART_SIZE,
  mentorDigestChart,
  renderDigestChart,
} from '../../src/domain/digests/chart';
import type { WeekFigures } from '../../src/domain/reports/progress';
import { encodeIndexedPng } from '../../src/render';
import { GLYPHS, GLYPH_HEIGHT, GLYPH_WIDTH, glyphDots } from '../../src/render/font';

const week = '2026-W48';

const report = (back: number, sales: number, savingsDeposit: number): WeekFigures => ({
  week: shiftIsoWeek(week, -back),
  sales,
  savingsDeposit,
  savingsWithdrawal: 0,
  savingsBalance: 0,
});

/** Weekly totals ending with `week`, oldest first, from lists of sales and savings. */
const totalsOf = (sales: number[], savings: number[]): WeekTotals[] =>
  sales.map((amount, index) => ({
    week: shiftIsoWeek(week, index - sales.length + 1),
    sales: amount,
    savings: savings[index] ?? 0,
    reporters: amount > 0 || (savings[index] ?? 0) > 0 ? 3 : 0,
  }));

describe('the group’s weekly totals', () => {
  it('adds up the participants’ reports for each of the last eight weeks, oldest first, leaving out older ones', () => {
    const totals = groupWeeklyTotals(
      [
        { reports: [report(0, 900_000, 10_000), report(1, 1_000_000, 20_000), report(8, 5_000_000, 50_000)] },
        { reports: [report(0, 300_000, 5_000), report(7, 200_000, 0)] },
        { reports: [] },
      ],
      week,
    );
    expect(totals).toHaveLength(CHART_WEEKS);
    expect(totals[0]).toEqual({ week: '2026-W41', sales: 200_000, savings: 0, reporters: 1 });
    expect(totals[6]).toEqual({ week: '2026-W47', sales: 1_000_000, savings: 20_000, reporters: 1 });
    expect(totals[7]).toEqual({ week: '2026-W48', sales: 1_200_000, savings: 15_000, reporters: 2 });
    expect(totals.slice(1, 6).every((total) => total.reporters === 0 && total.sales === 0)).toBe(true);
  });

  it('crosses the year boundary by ISO weeks', () => {
    const totals = groupWeeklyTotals([], '2027-W02', 4);
    expect(totals.map((total) => total.week)).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
  });
});

describe('the value axis', () => {
  it('rounds up to steps people read at a glance', () => {
    expect(valueAxis(11_900_000)).toEqual({
      max: 15_000_000,
      step: 5_000_000,
      ticks: [0, 5_000_000, 10_000_000, 15_000_000],
    });
    expect(valueAxis(420_000)).toEqual({
      max: 600_000,
      step: 200_000,
      ticks: [0, 200_000, 400_000, 600_000],
    });
    expect(valueAxis(1_000_000).ticks).toEqual([0, 250_000, 500_000, 750_000, 1_000_000]);
  });

  it('gives a group with nothing to show a small scale instead of dividing by zero', () => {
    expect(valueAxis(0)).toEqual({ max: 10_000, step: 2_500, ticks: [0, 2_500, 5_000, 7_500, 10_000] });
  });

  it('always covers the largest figure in at most four round steps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000_000 }), (largest) => {
        const axis = valueAxis(largest);
        const mantissa = axis.step / 10 ** Math.floor(Math.log10(axis.step));
        return (
          axis.max >= largest &&
          axis.ticks.length <= 5 &&
          axis.ticks[0] === 0 &&
          axis.ticks[axis.ticks.length - 1] === axis.max &&
          [1, 2, 2.5, 5].some((round) => Math.abs(mantissa - round) < 1e-9)
        );
      }),
    );
  });
});

describe('amounts on the axis', () => {
  it.each([
    [0, '0'],
    [500, 'Rp 500'],
    [2_500, 'Rp 2,5 rb'],
    [250_000, 'Rp 250 rb'],
    [1_000_000, 'Rp 1 jt'],
    [1_250_000, 'Rp 1,25 jt'],
    [15_000_000, 'Rp 15 jt'],
    [2_000_000_000, 'Rp 2 M'],
  ])('%d is written %s', (amount, written) => {
    expect(formatRupiahShort(amount)).toBe(written);
  });
});

describe('what the chart says', () => {
  it('names the series Omzet and Tabungan in Indonesian, labels weeks by their Monday and spans the period', () => {
    const chart = digestChart(
      totalsOf(
        [1, 2, 3, 4, 5, 6, 7, 8].map((n) => n * 100_000),
        [],
      ),
      12,
      'id',
    );
    expect(chart.title).toBe('Omzet dan tabungan kelompok');
    expect(chart.subtitle).toBe('5 Okt - 29 Nov 2026, 12 peserta');
    expect(chart.panels.map((panel) => panel.label)).toEqual(['Omzet', 'Tabungan masuk']);
    expect(chart.weeks[0]).toEqual({ week: '2026-W41', day: '5', month: 'Okt', reporters: 3 });
    expect(chart.weeks[7]).toMatchObject({ day: '23', month: 'Nov' });
    expect(chart.panels[0]?.tickLabels).toEqual(['0', 'Rp 200 rb', 'Rp 400 rb', 'Rp 600 rb', 'Rp 800 rb']);
    expect(chart.noData).toBeUndefined();
  });

  it('says so when nobody in the group has reported in those weeks', () => {
    expect(digestChart(groupWeeklyTotals([], week), 0, 'id').noData).toBe('Belum ada laporan');
    expect(digestChart(groupWeeklyTotals([], week), 0, 'en').noData).toBe('No reports yet');
  });
});

/** The decoded chart and the heights of the bars of one colour, left to right (the legend swatch left out). */
function barsOf(png: Buffer, series: 'sales' | 'savings') {
  const image = PNG.sync.read(png);
  const [red, green, blue] = CHART_COLOURS[series];
  const columnCounts: number[] = [];
  for (let x = 0; x < image.width; x++) {
    let count = 0;
    for (let y = 0; y < image.height; y++) {
      const at = (y * image.width + x) * 4;
      if (image.data[at] === red && image.data[at + 1] === green && image.data[at + 2] === blue) count++;
    }
    columnCounts.push(count);
  }
  const runs: { from: number; height: number }[] = [];
  columnCounts.forEach((count, x) => {
    const previous = runs[runs.length - 1];
    if (count === 0) return;
    if (previous && columnCounts[x - 1] !== 0) previous.height = Math.max(previous.height, count);
    else runs.push({ from: x, height: count });
  });
  const [legend, ...bars] = runs;
  return { image, legend, heights: bars.map((bar) => bar.height) };
}

describe('the chart as a PNG', () => {
  const sales = [8_200_000, 9_100_000, 7_400_000, 4_000_000, 10_250_000, 11_900_000, 6_300_000, 9_800_000];
  const savings = [310_000, 280_000, 350_000, 100_000, 420_000, 390_000, 150_000, 400_000];
  const png = renderDigestChart(digestChart(totalsOf(sales, savings), 24, 'id'));

  it('is a small PNG of the chart’s size', () => {
    const image = PNG.sync.read(png);
    expect([image.width, image.height]).toEqual([CHART_SIZE.width, CHART_SIZE.height]);
    // It goes over mobile data that people pay for.
    expect(png.length).toBeLessThan(20_000);
  });

  it('draws one sales bar and one savings bar per week, as tall as the figures say, with a legend swatch each', () => {
    for (const [series, figures] of [
      ['sales', sales],
      ['savings', savings],
    ] as const) {
      const { legend, heights } = barsOf(png, series);
      expect(legend?.height).toBe(16);
      expect(heights).toHaveLength(CHART_WEEKS);
      expect(heights.indexOf(Math.max(...heights))).toBe(figures.indexOf(Math.max(...figures)));
      expect(heights.indexOf(Math.min(...heights))).toBe(figures.indexOf(Math.min(...figures)));
      const tallest = Math.max(...heights);
      const largest = Math.max(...figures);
      heights.forEach((height, index) => {
        expect(Math.abs(height / tallest - (figures[index] ?? 0) / largest)).toBeLessThan(0.02);
      });
    }
  });

  it('leaves out the bar of a week nobody reported', () => {
    const gap = renderDigestChart(
      digestChart(
        totalsOf(
          [1, 2, 0, 4, 5, 6, 7, 8].map((n) => n * 100_000),
          [],
        ),
        5,
        'id',
      ),
    );
    expect(barsOf(gap, 'sales').heights).toHaveLength(7);
  });

  it('for a group without reports, is a "no reports yet" chart with no bars rather than a crash', () => {
    const empty = mentorDigestChart([], week, 'id');
    const { image, legend } = barsOf(empty, 'sales');
    expect([image.width, image.height]).toEqual([CHART_SIZE.width, CHART_SIZE.height]);
    expect(legend).toBeUndefined();
    expect(barsOf(empty, 'savings').legend).toBeUndefined();
    // The message is written across the middle of the image.
    const [red] = CHART_COLOURS.text;
    let inked = 0;
    for (let y = 330; y < 390; y++) {
      for (let x = 0; x < image.width; x++) if (image.data[(y * image.width + x) * 4] === red) inked++;
    }
    expect(inked).toBeGreaterThan(500);
  });
});

describe('the PNG encoder and the font', () => {
  it('writes an indexed PNG that a decoder reads back pixel for pixel', () => {
    const palette = [
      [255, 255, 255],
      [200, 0, 0],
      [0, 0, 200],
    ] as const;
    const png = encodeIndexedPng(3, 2, palette, Uint8Array.from([0, 1, 2, 2, 1, 0]));
    const image = PNG.sync.read(png);
    const pixel = (x: number, y: number) => [...image.data.subarray((y * 3 + x) * 4, (y * 3 + x) * 4 + 3)];
    expect(pixel(1, 0)).toEqual([200, 0, 0]);
    expect(pixel(2, 0)).toEqual([0, 0, 200]);
    expect(pixel(2, 1)).toEqual([255, 255, 255]);
    expect(() => encodeIndexedPng(3, 2, palette, new Uint8Array(5))).toThrow('do not match');
  });

  it('has glyphs of five columns and at most nine rows, and a question mark for what it lacks', () => {
    for (const [character, rows] of Object.entries(GLYPHS)) {
      expect([character, rows.length <= GLYPH_HEIGHT]).toEqual([character, true]);
      for (const row of rows)
        expect([character, row]).toEqual([character, expect.stringMatching(/^[.#]{5}$/)]);
    }
    expect(GLYPH_WIDTH).toBe(5);
    expect(glyphDots('é')).toEqual(glyphDots('e'));
    expect(glyphDots('€')).toEqual(glyphDots('?'));
  });
});
