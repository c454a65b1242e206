import type { Cluster } from '../program';

export interface BusinessIdea {
  /** `{owner}` becomes `Bu Euis` or `Pak Asep`. */
  name: string;
  description: string;
}

/** Rintisan usaha as they are found around Cililin, Cihampelas, Batujajar and Ngamprah. */
export const BUSINESS_IDEAS: Record<Cluster, readonly BusinessIdea[]> = {
  kuliner: [
    { name: 'Wajit {owner}', description: 'Wajit dan ranginang khas Cililin' },
    { name: 'Warung Nasi {owner}', description: 'Nasi rames dan lauk untuk pekerja pabrik' },
    { name: 'Seblak {owner}', description: 'Seblak dan cilok di depan sekolah' },
    { name: 'Gorengan {owner}', description: 'Bala-bala, gehu dan pisang goreng pagi hari' },
    { name: 'Keripik Singkong {owner}', description: 'Keripik singkong pedas dalam kemasan' },
    { name: 'Katering {owner}', description: 'Nasi kotak pesanan untuk hajatan dan pengajian' },
    { name: 'Kue Basah {owner}', description: 'Kue basah dititipkan ke warung' },
    { name: 'Opak {owner}', description: 'Opak ketan dan kerupuk' },
  ],
  ritel: [
    { name: 'Warung {owner}', description: 'Warung sembako di depan rumah' },
    { name: 'Toko Kelontong {owner}', description: 'Kebutuhan sehari-hari dan jajanan anak' },
    { name: 'Agen Gas {owner}', description: 'Elpiji 3 kg dan air galon isi ulang' },
    { name: 'Konter Pulsa {owner}', description: 'Pulsa, token listrik dan paket data' },
    { name: 'Sayur Keliling {owner}', description: 'Sayur dan bumbu dapur keliling kampung' },
  ],
  agribisnis: [
    { name: 'Ternak Domba {owner}', description: 'Penggemukan domba untuk Iduladha' },
    { name: 'Ayam Kampung {owner}', description: 'Ayam kampung dan telur' },
    { name: 'Kolam Lele {owner}', description: 'Budidaya lele di kolam terpal' },
    { name: 'Kebun Cabai {owner}', description: 'Cabai rawit dan tomat di lahan sewa' },
    { name: 'Jamur Tiram {owner}', description: 'Budidaya jamur tiram di kumbung' },
    { name: 'Kebun Sayur {owner}', description: 'Sawi, buncis dan daun bawang' },
  ],
  kriya_fesyen: [
    { name: 'Jahit {owner}', description: 'Jahit dan permak pakaian' },
    { name: 'Kerudung {owner}', description: 'Kerudung dan mukena bordir' },
    { name: 'Konveksi {owner}', description: 'Kaos dan seragam sekolah pesanan' },
    { name: 'Anyaman Bambu {owner}', description: 'Boboko, aseupan dan tampir' },
    { name: 'Rajutan {owner}', description: 'Tas dan dompet rajut' },
  ],
};
