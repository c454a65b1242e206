import type { Random } from './random';

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

/**
 * Given names common among PKH families in the Bandung Barat countryside: mostly Sundanese, two
 * words, no family name. Most PKH recipients are mothers, hence the longer list of women's names.
 */
const WOMEN_FIRST = words(`
  Siti Euis Neneng Imas Iis Cucu Enok Yeni Dedeh Titin Lilis Nining Entin Popon Ai Tati Wati Heni Yati
  Eti Ela Mimin Ipah Nenden Yuyun Kokom Elis Cicih Onah Teti Eneng Atikah`);
const WOMEN_SECOND = words(`
  Aminah Sumiati Hasanah Masitoh Rohaeti Cahyati Maryani Nuraeni Kurniasih Supriatin Suryani Rahayu
  Kartini Rohaeni Nurhayati Sumarni Kurniawati Marlina Herlina Jubaedah Komariah Rukmini Salamah Halimah
  Fatimah Mulyani Rosita Nurjanah Sukaesih Wulandari`);
const MEN_FIRST = words(`
  Asep Ujang Dede Cecep Ade Endang Dadang Agus Yayan Usep Iwan Ayi Entis Oman Jajang Dudung Rahmat Ikin
  Wawan Aep Engkos Maman Nana Tatang Didin Deden Encep Yusuf`);
const MEN_SECOND = words(`
  Saepudin Suryana Kurnia Supriadi Sukmana Suherman Hermawan Setiawan Sopyan Ridwan Rustandi Sutisna
  Abdurahman Nurjaman Hidayat Sodikin Gunawan Saepuloh Sobari Mulyana Permana Hamdani Firmansyah Rosadi`);

/** Incubator mentors are younger graduates, with the names of their generation. */
const YOUNG_WOMEN_FIRST = words('Fitri Annisa Nadia Intan Putri Rani');
const YOUNG_WOMEN_SECOND = words('Handayani Rahmawati Puspitasari Lestari Maharani');
const YOUNG_MEN_FIRST = words('Rizky Galih Dimas Fajar Reza Ilham');
const YOUNG_MEN_SECOND = words('Ramadhan Pratama Nugraha Maulana Firdaus');

export type Sex = 'female' | 'male';

export interface Villager {
  name: string;
  firstName: string;
  sex: Sex;
}

/** Hands out names that are never repeated within one demo, so that people can be told apart. */
export class NameBook {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  villager(sex: Sex): Villager {
    const [firsts, seconds] = sex === 'female' ? [WOMEN_FIRST, WOMEN_SECOND] : [MEN_FIRST, MEN_SECOND];
    const [name, firstName] = this.unique(firsts, seconds);
    return { name, firstName, sex };
  }

  graduate(sex: Sex): string {
    const [firsts, seconds] =
      sex === 'female' ? [YOUNG_WOMEN_FIRST, YOUNG_WOMEN_SECOND] : [YOUNG_MEN_FIRST, YOUNG_MEN_SECOND];
    return this.unique(firsts, seconds)[0];
  }

  private unique(firsts: readonly string[], seconds: readonly string[]): [string, string] {
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const first = this.random.pick(firsts);
      const name = `${first} ${this.random.pick(seconds)}`;
      if (this.used.has(name)) continue;
      this.used.add(name);
      return [name, first];
    }
    throw new Error('the demo name lists are too short for this many people');
  }
}
