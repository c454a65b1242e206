import type { CatalogText } from '../catalog';

/**
 * What the conversation service says itself, outside a flow's questions: to someone it does not know,
 * on STOP, MULAI and BATAL, and when it closes or resumes a conversation.
 */
export const chatTexts = {
  unregistered: {
    id: 'Maaf, nomor ini belum terdaftar sebagai peserta ProKUS. Mohon hubungi pendamping (MiBi atau TKSK) atau Dinsos untuk didaftarkan. Untuk mengirim pengaduan layanan sosial ke Puskesos, ketik ADUAN, atau hubungi Call Center Kemensos 171.',
    en: 'Sorry, this number is not registered as a ProKUS participant. Please ask your mentor (MiBi or TKSK) or the Dinsos to register you. To send a complaint about social services to the Puskesos, type ADUAN, or call the Kemensos call centre 171.',
    su: 'Hapunten, nomer ieu teu acan kadaptar salaku pamilon ProKUS. Mangga hubungi pendamping (MiBi atanapi TKSK) atanapi Dinsos kanggo didaptarkeun. Kanggo ngintunkeun pangaduan layanan sosial ka Puskesos, serat ADUAN, atanapi hubungi Call Center Kemensos 171.',
  },
  shareOwnContact: {
    id: 'Itu nomor orang lain. Untuk mengenali Bapak/Ibu, kami perlu nomor Bapak/Ibu sendiri: mohon tekan tombol "Bagikan nomor HP" di bawah, bukan kirim kontak dari daftar.',
    en: 'That is someone else’s number. To know who you are we need your own: please press the "Share my number" button below rather than send a contact from your list.',
    su: 'Éta nomer batur. Kanggo ngawanohan Bapak/Ibu, abdi peryogi nomer Bapak/Ibu nyalira: mangga pencét tombol "Bagikeun nomer HP" di handap, sanés ngintun kontak tina daptar.',
  },
  shareContact: {
    id: 'Selamat datang di Pendamping, layanan pendampingan ProKUS. Untuk mengenali Bapak/Ibu, mohon tekan tombol "Bagikan nomor HP" di bawah.',
    en: 'Welcome to Pendamping, the ProKUS mentoring service. So that we know who you are, please press the "Share my number" button below.',
    su: 'Wilujeng sumping di Pendamping, layanan pendampingan ProKUS. Kanggo ngawanohan Bapak/Ibu, mangga pencét tombol "Bagikeun nomer HP" di handap.',
  },
  idle: {
    id: 'Percakapan sebelumnya kami tutup karena lama tidak dibalas. Jawaban Bapak/Ibu tetap tersimpan dan bisa dilanjutkan.',
    en: 'We closed the previous conversation because it was idle. Your answers are kept and you can continue.',
    su: 'Obrolan saacanna ditutup kusabab lami teu diwaler. Waleran Bapak/Ibu tetep disimpen sareng tiasa dilajengkeun.',
  },
  resumed: {
    id: 'Kita lanjutkan yang belum selesai. Ketik BATAL untuk mulai dari awal.',
    en: 'Let us continue where you left off. Type BATAL to start again.',
    su: 'Urang lajengkeun nu teu acan réngsé. Serat BATAL kanggo ngamimitian ti awal.',
  },
  cancelled: {
    id: 'Baik, dibatalkan.',
    en: 'All right, cancelled.',
    su: 'Muhun, dibatalkeun.',
  },
  stopped: {
    id: 'Baik, Bapak/Ibu tidak akan menerima pengingat lagi. Ketik MULAI untuk menerimanya kembali.',
    en: 'All right, you will get no more reminders. Type START to get them again.',
    su: 'Muhun, Bapak/Ibu moal nampi pangéling deui. Serat MULAI kanggo nampi deui.',
  },
  resumedReminders: {
    id: 'Pengingat aktif kembali. Terima kasih, Bapak/Ibu.',
    en: 'Reminders are on again. Thank you.',
    su: 'Pangéling aktip deui. Hatur nuhun, Bapak/Ibu.',
  },
} as const satisfies Record<string, CatalogText>;
