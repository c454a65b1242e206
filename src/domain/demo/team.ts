import type { StaffRole } from '../program';
import { demoPhone, PHONE_SERIALS } from './identity';
import type { NameBook } from './names';
import { COHORTS, MIBI_COUNT, PUSKESOS, PUSKESOS_ROLES } from './plan';
import type { Random } from './random';
import type { DemoMentor, DemoStaff } from './types';

/** Four staff for each Puskesos, as in Lumpaat, and one Dinsos admin who oversees them all. */
export function puskesosStaff(names: NameBook, random: Random): DemoStaff[] {
  let serial = PHONE_SERIALS.staff;
  const person = (role: StaffRole, place: string, puskesos?: string): DemoStaff => ({
    name: names.villager(random.chance(0.6) ? 'female' : 'male').name,
    phone: demoPhone('0812', serial++),
    email: `${role.replace('_', '-')}.${place}@pendamping.example`,
    role,
    ...(puskesos ? { puskesos } : {}),
  });
  return [
    ...PUSKESOS.flatMap((unit) => PUSKESOS_ROLES.map((role) => person(role, slug(unit.name), unit.name))),
    person('admin', 'dinsos'),
  ];
}

/** `Puskesos Desa Cihampelas` → `cihampelas`, for e-mail addresses. */
const slug = (puskesos: string) =>
  puskesos
    .replace(/^Puskesos (Desa )?/, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-');

/**
 * The MiBi of the incubator, each with the cohorts of its plan, then one TKSK per kecamatan:
 * the TKSK is the ministry's social worker of that district.
 */
export function programMentors(names: NameBook, random: Random): DemoMentor[] {
  const mibi = Array.from({ length: MIBI_COUNT }, (_, index): DemoMentor => ({
    name: names.graduate(random.chance(0.5) ? 'female' : 'male'),
    phone: demoPhone('0813', PHONE_SERIALS.mentors + index),
    type: 'MiBi',
    kecamatan: COHORTS.filter((cohort) => cohort.mibi === index).map((cohort) => cohort.kecamatan),
  }));
  const tksk = COHORTS.map((cohort, index): DemoMentor => ({
    name: names.villager(random.chance(0.3) ? 'female' : 'male').name,
    phone: demoPhone('0813', PHONE_SERIALS.mentors + MIBI_COUNT + index),
    type: 'TKSK',
    kecamatan: [cohort.kecamatan],
  }));
  return [...mibi, ...tksk];
}
