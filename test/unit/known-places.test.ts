import { checkPlace, desaOf, knownPlacesOf } from '../../src/domain/participants/known-places';

const known = knownPlacesOf(
  [{ kecamatan: 'Cililin', desa: 'Batulayang', servedDesa: ['Karanganyar'] }],
  [
    { kecamatan: 'CIHAMPELAS', desa: 'pataruman' },
    { kecamatan: 'Cililin', desa: 'Rancapanggung' },
  ],
);

describe('the known kecamatan and desa', () => {
  it('joins the Puskesos’ places, the desa they serve, and where participants live, in the importer’s spelling', () => {
    expect([...known.keys()]).toEqual(['Cihampelas', 'Cililin']);
    expect(desaOf(known, 'cililin')).toEqual(['Batulayang', 'Karanganyar', 'Rancapanggung']);
    expect(desaOf(known, 'Cihampelas')).toEqual(['Pataruman']);
  });

  it('accepts a known desa of its kecamatan, and a new one only when said to be new', () => {
    expect(checkPlace(known, 'Cililin', 'Karanganyar', false)).toEqual({ ok: true });
    expect(checkPlace(known, 'Cililin', 'Pataruman', false)).toMatchObject({
      ok: false,
      field: 'desa',
      reason: expect.stringMatching(
        /belum dikenal di Kecamatan Cililin; pilih dari daftar \(contoh: Batulayang/,
      ),
    });
    expect(checkPlace(known, 'Cililin', 'Karyamukti', true)).toEqual({ ok: true });
  });

  it('never takes an unknown kecamatan, even as new', () => {
    expect(checkPlace(known, 'Padalarang', 'Kertajaya', true)).toMatchObject({
      ok: false,
      field: 'kecamatan',
      reason: expect.stringContaining('contoh: Cihampelas, Cililin'),
    });
  });
});
