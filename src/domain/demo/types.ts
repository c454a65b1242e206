import type { Cluster, Language, MentorType, PuskesosService, Stage, StaffRole } from '../program';
import type { DemoWeeklyReport, ReportChannel } from './reports';

/** The demo as plain objects; records refer to each other by natural keys (names, phones). */
export interface DemoPuskesos {
  name: string;
  desa: string;
  kecamatan: string;
  services: PuskesosService[];
  servedDesa: string[];
}

export interface DemoStaff {
  name: string;
  phone: string;
  email: string;
  role: StaffRole;
  /** The Puskesos's name; absent for the Dinsos admin. */
  puskesos?: string;
}

export interface DemoMentor {
  name: string;
  phone: string;
  type: MentorType;
  kecamatan: string[];
}

export interface DemoParticipant {
  name: string;
  phone: string;
  /** The plain NIK: the writer encrypts it, it is never stored as is. */
  nik?: string;
  kecamatan: string;
  desa: string;
  cluster: Cluster;
  stage: Stage;
  business: { name: string; description: string };
  capitalGrant: { amount: number; date: Date };
  mentoringWindow: { start: Date; end: Date };
  /** The mentors' phones. */
  mentors: { mibi: string; tksk: string };
  language: Language;
  consent: { purpose: string; givenAt: Date; channel: ReportChannel };
}

export interface DemoData {
  puskesos: DemoPuskesos[];
  staff: DemoStaff[];
  mentors: DemoMentor[];
  participants: DemoParticipant[];
  weeklyReports: DemoWeeklyReport[];
}
