import { html } from '../../src/http/dashboard/html';
import { inboxOrder, slaBadgeOf } from '../../src/http/dashboard/sla-badge';

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
