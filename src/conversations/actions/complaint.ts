import { openComplaint } from '../../domain/complaints/open-complaint';
import { nothing, say, word, type ActionHandler } from './types';

export const fileComplaint: ActionHandler = async (
  answers,
  { models, participantId, language, now, timeZone },
) => {
  const participant = await models.participants
    .findById(participantId, { desa: 1, kecamatan: 1, phone: 1 })
    .lean();
  if (!participant) return nothing();
  const opened = await openComplaint(
    models,
    {
      participant: participant._id,
      complainantPhone: participant.phone,
      desa: participant.desa,
      kecamatan: participant.kecamatan,
      category: word(answers.category),
      text: word(answers.description),
      at: now,
    },
    timeZone,
  );
  if (!opened.ok) {
    return say(
      {
        id: 'Maaf, belum ada Puskesos yang melayani desa Bapak/Ibu di sistem kami. Petugas Dinsos akan menghubungi Bapak/Ibu.',
        en: 'Sorry, no Puskesos serving your village is in our system yet. Dinsos staff will contact you.',
        su: 'Hapunten, teu acan aya Puskesos nu ngalayanan desa Bapak/Ibu dina sistem. Petugas Dinsos badé ngahubungi Bapak/Ibu.',
      },
      language,
    );
  }
  return say(
    {
      id: `Nomor pengaduan Bapak/Ibu: ${opened.number} (${opened.puskesosName}). Simpan nomor ini untuk menanyakan perkembangannya.`,
      en: `Your complaint number: ${opened.number} (${opened.puskesosName}). Keep it to ask about progress.`,
      su: `Nomer pangaduan Bapak/Ibu: ${opened.number} (${opened.puskesosName}). Simpen nomer ieu kanggo naroskeun kamajuanana.`,
    },
    language,
  );
};
