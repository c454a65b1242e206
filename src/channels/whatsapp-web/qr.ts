import QRCode from 'qrcode';

/** Prints a login QR code in the terminal, small enough for an 80-column window. */
export function printQr(qr: string): void {
  QRCode.toString(qr, { type: 'terminal', small: true, errorCorrectionLevel: 'L' }).then(
    (drawing) => process.stdout.write(`\nWhatsApp Web: pindai kode QR ini / scan this QR code\n${drawing}\n`),
    () => process.stdout.write('WhatsApp Web: the QR code could not be drawn; open /admin/whatsapp\n'),
  );
}

/** The QR code as a PNG image, for the admin page. */
export function qrPng(qr: string): Promise<Buffer> {
  return QRCode.toBuffer(qr, { type: 'png', errorCorrectionLevel: 'L', margin: 2, width: 320 });
}

/** The QR code as an SVG image, for the admin page. */
export function qrSvg(qr: string): Promise<string> {
  return QRCode.toString(qr, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 });
}
