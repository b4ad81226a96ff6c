import { randomUUID } from 'node:crypto';
import type { Client } from './client.ts';

/** A 1x1 PNG and a one-page PDF, as a patient would upload a photo of a report and a scanned letter. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
export const PDF = onePagePdf('Referral letter');

/** A valid one-page PDF with a line of text, so a browser's PDF viewer can render it. */
function onePagePdf(text: string): Buffer {
  const content = `BT /F1 24 Tf 40 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

async function ok<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/**
 * Ben's accepted specialist consultation (demo seed) gets two uploaded packet items the way the app
 * makes them: Ben sends a photo and a PDF in his care-team thread, Nora adds both to the packet.
 */
export async function benPacketWithUploads(baseUrl: string, ben: Client, nora: Client) {
  const { threads } = await ok<{ threads: Array<{ id: string; kind: string }> }>(await ben.get('/api/threads'), 'threads');
  const thread = threads.find((t) => t.kind === 'care_team');
  if (!thread) throw new Error('Ben has no care-team thread');
  const attachmentIds: string[] = [];
  for (const [bytes, name, type] of [[PNG, 'scan.png', 'image/png'], [PDF, 'letter.pdf', 'application/pdf']] as const) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${baseUrl}/api/threads/${thread.id}/attachments`, { method: 'POST', headers: { cookie: ben.cookie, origin: baseUrl }, body: form });
    attachmentIds.push((await ok<{ attachment: { id: string } }>(res, 'upload')).attachment.id);
  }
  await ok(await ben.send('POST', `/api/threads/${thread.id}/messages`, { clientId: randomUUID(), body: 'My scan and the letter', attachmentIds }, { origin: baseUrl }), 'message');
  const { referrals } = await ok<{ referrals: Array<{ id: string; patientId: string }> }>(await nora.get('/api/referrals/board?state=accepted'), 'board');
  const referral = referrals.find((r) => r.patientId === ben.me.id);
  if (!referral) throw new Error('Ben has no accepted referral');
  const items: string[] = [];
  for (const [attachmentId, kind, title] of [[attachmentIds[0]!, 'imaging', 'Chest CT key image'], [attachmentIds[1]!, 'other', 'Referral letter']] as const) {
    items.push((await ok<{ id: string }>(await nora.send('POST', `/api/referrals/${referral.id}/packet`, { source: 'attachment', kind, attachmentId, title }, { origin: baseUrl }), 'packet item')).id);
  }
  return { referralId: referral.id, threadId: thread.id, imageItemId: items[0]!, pdfItemId: items[1]! };
}
