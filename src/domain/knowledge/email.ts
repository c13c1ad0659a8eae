/**
 * Removes what the customer did not write for this ticket from a mail-like text:
 * quoted earlier mail, reply headers, signatures, greetings and closings.
 * Line-based on purpose: mail clients put these on lines of their own.
 */

const WROTE_VERB = '(?:wrote|writes|schrieb|a écrit|escribió|escreveu|schreef|ha scritto)';
const WROTE = new RegExp(`\\b${WROTE_VERB}\\s?:$`, 'i');
/** "Am Mo., 3. Juni 2024 um 10:12 Uhr schrieb Support <s@x.com>:" puts the verb before the name. */
const DATED_ATTRIBUTION = new RegExp(`^(?:on|am|le|el|em|op|il)\\s.*\\d.*\\b${WROTE_VERB}(?!\\p{L}).*:$`, 'iu');
const ATTRIBUTION_START = /^(?:on|am|le|el|em|op|il)\s/i;

const SEPARATORS: RegExp[] = [
  /^-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|mensagem original|forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado)\s*-{2,}$/i,
  /^(?:begin forwarded message|anfang der weitergeleiteten nachricht|début du message réexpédié|inicio del mensaje reenviado)\s*:/i,
  /^_{10,}$/,
  /^##-.*-##$/,
];

const HEADER_FROM = /^\*?(?:from|von|de|da|van)\s?\*?\s?:\s*\S/i;
const HEADER_SENT = /^\*?(?:sent|gesendet|envoyé|enviado|date|datum|fecha|data)\s?\*?\s?:/i;

function isQuoteStart(lines: readonly string[], i: number): boolean {
  const line = (lines[i] ?? '').trim();
  if (SEPARATORS.some((pattern) => pattern.test(line))) return true;
  if (line.length <= 250 && (WROTE.test(line) || DATED_ATTRIBUTION.test(line))) return true;
  // Gmail wraps long attributions: "On Mon, 3 Jun 2024 at 10:12, Jane Doe <jane@x.com>" / "wrote:".
  const next = (lines[i + 1] ?? '').trim();
  if (ATTRIBUTION_START.test(line) && /\d/.test(line) && WROTE.test(`${line} ${next}`)) return true;
  // Outlook: "From: …" followed by "Sent: …" (or localized) within a few lines.
  if (HEADER_FROM.test(line)) {
    return lines.slice(i + 1, i + 5).some((l) => HEADER_SENT.test(l.trim()));
  }
  return false;
}

const DEVICE_SIGNATURE =
  /^(?:sent from my|sent from|sent via|get outlook for|von meinem .*gesendet|gesendet von|envoyé de mon|envoyé depuis|enviado desde mi|enviado desde|enviado do meu|enviado de mi)\b/i;

const CLOSINGS = [
  'best regards',
  'kind regards',
  'warm regards',
  'warmest regards',
  'regards',
  'best wishes',
  'best',
  'many thanks',
  'thanks in advance',
  'thanks again',
  'thanks a lot',
  'thanks',
  'thank you',
  'thx',
  'cheers',
  'br',
  'all the best',
  'sincerely',
  'yours sincerely',
  'yours truly',
  'mit freundlichen grüßen',
  'mit freundlichen grüssen',
  'freundliche grüße',
  'freundliche grüsse',
  'viele grüße',
  'viele grüsse',
  'beste grüße',
  'liebe grüße',
  'schöne grüße',
  'grüße',
  'gruß',
  'mfg',
  'lg',
  'vg',
  'danke',
  'vielen dank',
  'danke im voraus',
  'cordialement',
  'bien cordialement',
  'salutations',
  'bien à vous',
  'merci',
  'merci beaucoup',
  "merci d'avance",
  'bonne journée',
  'saludos',
  'un saludo',
  'saludos cordiales',
  'atentamente',
  'gracias',
  'muchas gracias',
  'cumprimentos',
  'atenciosamente',
  'abraços',
  'obrigado',
  'obrigada',
  'muito obrigado',
];
const CLOSING_ALT = CLOSINGS.map((c) => c.replace(/'/g, "['’]")).join('|');
/** A closing alone on its line, or followed by a short name: "Thanks, Jane Doe". */
const CLOSING_LINE = new RegExp(`^(?:${CLOSING_ALT})(?:[\\s,.!]*|,\\s*[\\p{L}][\\p{L}.'’\\- ]{0,40})$`, 'iu');

const GREETING_ALT = [
  'hi',
  'hello',
  'hey',
  'dear',
  'greetings',
  'good morning',
  'good afternoon',
  'good evening',
  'hallo',
  'moin',
  'servus',
  'guten tag',
  'guten morgen',
  'guten abend',
  'sehr geehrte',
  'sehr geehrter',
  'sehr geehrtes',
  'liebe',
  'lieber',
  'liebes',
  'bonjour',
  'bonsoir',
  'salut',
  'cher',
  'chère',
  'chers',
  'madame',
  'monsieur',
  'hola',
  'buenos días',
  'buenos dias',
  'buenas tardes',
  'buenas noches',
  'buenas',
  'estimado',
  'estimada',
  'estimados',
  'querido',
  'querida',
  'olá',
  'ola',
  'oi',
  'prezado',
  'prezada',
  'prezados',
  'bom dia',
  'boa tarde',
  'boa noite',
].join('|');
// \b is ASCII-only in JS, so a lookahead marks the end of words like "olá".
const GREETING_WITH_TEXT = new RegExp(`^(?:${GREETING_ALT})(?=[\\s,:!.]|$)[^,:!\\n]{0,40}?[,:!]\\s*(.*)$`, 'iu');
const GREETING_ONLY = new RegExp(`^(?:${GREETING_ALT})(?=[\\s,:!.]|$)(?:\\s+\\S+){0,3}\\s*$`, 'iu');

function isSignatureStart(line: string): boolean {
  return line === '--' || line === '—' || DEVICE_SIGNATURE.test(line) || CLOSING_LINE.test(line);
}

/** Cleans one mail body (plain text). */
export function cleanEmailText(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n');

  const quoteAt = lines.findIndex((_line, i) => isQuoteStart(lines, i));
  const own = (quoteAt === -1 ? lines : lines.slice(0, quoteAt)).map((line) => line.trim()).filter((line) => !line.startsWith('>'));

  const kept: string[] = [];
  let openedWithClosing = false;
  for (const line of own) {
    const hasContent = kept.some((l) => l !== '');
    if (!hasContent && line !== '') {
      const greeting = GREETING_WITH_TEXT.exec(line);
      if (greeting) {
        if (greeting[1]) kept.push(greeting[1]);
        continue;
      }
      if (GREETING_ONLY.test(line)) continue;
      // "Thanks!" as an opener is dropped; it ends the message only after some content.
      if (CLOSING_LINE.test(line)) {
        openedWithClosing = true;
        continue;
      }
    }
    if (hasContent && isSignatureStart(line)) break;
    if (!hasContent && (line === '--' || DEVICE_SIGNATURE.test(line))) break;
    kept.push(line);
  }
  const result = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // "Thanks!\n\nJane" is all closing: the few words left are the sender's name.
  if (openedWithClosing && result.split(/\s+/).length <= 3) return '';
  return result;
}
