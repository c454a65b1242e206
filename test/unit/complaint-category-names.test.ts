import { join } from 'node:path';
import { complaintCategoryName, KNOWN_CATEGORIES } from '../../src/domain/complaints/categories';
import { loadFlows } from '../../src/engine/flows';

describe('complaint categories as staff read them', () => {
  it('names every category the complaint flows offer', () => {
    const flows = loadFlows(join(__dirname, '..', '..', 'flows'));
    for (const flowId of ['complaint', 'resident-complaint']) {
      const step = flows.get(flowId)?.steps.find((candidate) => candidate.id === 'category');
      const ids = (step?.input?.options ?? []).map((option) => option.id);
      expect(ids.length).toBeGreaterThan(0);
      expect(KNOWN_CATEGORIES).toEqual(expect.arrayContaining(ids));
    }
  });

  it('shows names, not the codes stored', () => {
    expect(complaintCategoryName('pkh')).toBe('PKH (bantuan tunai)');
    expect(complaintCategoryName('rtlh')).toBe('RTLH (rumah tidak layak huni)');
    expect(complaintCategoryName('rtlh', 'en')).toBe('RTLH (house renovation)');
    expect(complaintCategoryName('ppks')).toBe('Layanan sosial lain');
    // One an older flow stored is shown as it is rather than dropped.
    expect(complaintCategoryName('bansos_lama')).toBe('bansos_lama');
  });
});
