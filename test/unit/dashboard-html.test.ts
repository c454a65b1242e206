import { html } from '../../src/http/dashboard/html';
import { inboxOrder, slaBadgeOf } from '../../src/http/dashboard/sla-badge';
import { niceCeiling, svgChart } from '../../src/http/dashboard/svg-chart';

describe('html', () => {
  it('escapes every interpolated value, in text and in attributes, but not markup built with html', () => {
    const name = `<script>alert("x")</script> & 'y'`;
    const markup = String(html`<p title="${name}">${name}${html`<b>${name}</b>`}${[name, 1, undefined]}</p>`);
    expect(markup).not.toContain('<script>');
    expect(markup).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;' +
        '<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</b>' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;1</p>',
    );
  });
});

describe('SLA badges', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);

  it('is terlambat at and past the deadline, hampir within four hours of it, aman before', () => {
    expect(slaBadgeOf(hours(0), now)).toBe('terlambat');
    expect(slaBadgeOf(hours(-30), now)).toBe('terlambat');
    expect(slaBadgeOf(hours(4), now)).toBe('hampir');
    expect(slaBadgeOf(hours(4.01), now)).toBe('aman');
    expect(slaBadgeOf(undefined, now)).toBe('selesai');
  });

  it('puts the overdue first, then the nearest deadline, then those without one, newest first', () => {
    const complaint = (number: string, dueAt: Date | undefined, createdHoursAgo: number) => ({
      number,
      dueAt,
      createdAt: hours(-createdHoursAgo),
    });
    const ordered = inboxOrder(
      [
        complaint('answered-old', undefined, 50),
        complaint('safe', hours(30), 1),
        complaint('answered-new', undefined, 2),
        complaint('overdue-a-little', hours(-1), 20),
        complaint('near', hours(2), 10),
        complaint('overdue-long', hours(-48), 90),
      ],
      now,
    );
    expect(ordered.map((item) => item.number)).toEqual([
      'overdue-long',
      'overdue-a-little',
      'near',
      'safe',
      'answered-new',
      'answered-old',
    ]);
  });
});

describe('svgChart', () => {
  const heights = (markup: string) =>
    [...markup.matchAll(/<rect[^>]*height="([\d.]+)"/g)].map((match) => Number(match[1]));

  it('draws bars in proportion to the values, on a round top tick, leaving a gap for a missing week', () => {
    const markup = String(
      svgChart({
        title: 'Penjualan',
        labels: ['M1', 'M2', 'M3'],
        series: [{ name: 'Penjualan', className: 'series-a', values: [400, null, 800] }],
        kind: 'bars',
      }),
    );
    const [first, second, ...rest] = heights(markup);
    expect(rest).toEqual([]);
    expect(second).toBeCloseTo((first ?? 0) * 2);
    expect(markup).toMatch(/>\s*1000\s*</);
    expect(markup).toContain('aria-label="Penjualan"');
  });

  it('breaks a line where a value is missing and escapes its labels', () => {
    const markup = String(
      svgChart({
        title: '<b>Tabungan</b>',
        labels: ['a', 'b', 'c', 'd'],
        series: [{ name: 'Tabungan', className: 'series-b', values: [1, 2, null, 3] }],
        kind: 'lines',
      }),
    );
    expect(markup.match(/<polyline/g)).toHaveLength(2);
    expect(markup).not.toContain('<b>');
  });

  it('rounds the top of the axis to 1, 2 or 5 times a power of ten', () => {
    expect([0, 7, 10, 11, 180_000, 2_500_001].map(niceCeiling)).toEqual([0, 10, 10, 20, 200_000, 5_000_000]);
  });
});
