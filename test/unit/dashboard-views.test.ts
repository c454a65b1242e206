import type { Account } from '../../src/auth';
import { translator, type PageLanguage } from '../../src/http/dashboard/language';
import type { Viewer } from '../../src/http/dashboard/layout';
import { savedRepliesView } from '../../src/http/dashboard/saved-replies';

/** The dashboard's views are pure: a model in, the markup a user sees out, without a database. */
const admin: Account = { kind: 'staff', id: 'a'.repeat(24), name: 'Admin Dinsos', role: 'admin' };
const viewerOf = (account: Account, language: PageLanguage = 'id'): Viewer => ({
  account,
  csrfToken: 'token-123',
  language,
  path: '/dashboard',
});
const draw = <M>(
  view: (model: M, t: ReturnType<typeof translator>, viewer: Viewer) => unknown,
  model: M,
  viewer: Viewer,
) => String(view(model, translator(viewer.language), viewer));

describe('saved replies', () => {
  const unit = { id: 'b'.repeat(24), name: 'Puskesos Lumpaat' };

  it('shows each reply in a box, one empty box more, and the form with the CSRF token', () => {
    const markup = draw(
      savedRepliesView,
      { owner: 'dinsos', units: [], fields: ['Silakan datang <besok>', ''] },
      viewerOf(admin),
    );
    expect(markup).toContain('<h1>Balasan tersimpan</h1>');
    expect(markup.match(/<textarea/g)).toHaveLength(2);
    expect(markup).toContain('>Silakan datang &lt;besok&gt;</textarea>');
    expect(markup).toContain('name="csrf" value="token-123"');
    expect(markup).toContain('name="owner" value="dinsos"');
    expect(markup).not.toContain('Milik:');
  });

  it('lets an admin switch between Dinsos and each Puskesos, marking the one shown', () => {
    const markup = draw(
      savedRepliesView,
      { owner: `puskesos:${unit.id}`, units: [unit], fields: [''] },
      viewerOf(admin, 'en'),
    );
    expect(markup).toContain('Of:');
    expect(markup).toMatch(
      new RegExp(
        `href="/dashboard/bantuan/balasan\\?pemilik=puskesos:${unit.id}"\\s+aria-current="page"\\s*>Puskesos Lumpaat`,
      ),
    );
    expect(markup).toMatch(/href="\/dashboard\/bantuan\/balasan"\s*>Dinsos/);
    expect(markup).toContain('Back to the requests');
  });
});
