import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanEmailText } from '../../src/domain/knowledge/email';
import { htmlToText, looksLikeHtml } from '../../src/domain/html';
import {
  buildSearchQuery,
  cleanSubject,
  customerText,
  MAY_HOLD,
  SCRUB_PATTERNS,
  scrubQuery,
  stemKey,
  type QueryComment,
  type QueryInput,
} from '../../src/domain/knowledge/query';

const CUSTOMER = 381_004_221;
const AGENT = 19_000_001;

function ticket(subject: string, comments: QueryComment[], locale?: string): QueryInput {
  return { subject, comments, requesterId: CUSTOMER, ...(locale ? { locale } : {}) };
}
const fromCustomer = (body: string, extra: Partial<QueryComment> = {}): QueryComment => ({
  authorId: CUSTOMER,
  body,
  public: true,
  ...extra,
});
const fromAgent = (body: string, isPublic = true): QueryComment => ({ authorId: AGENT, body, public: isPublic });

describe('cleanEmailText', () => {
  it('drops greeting, closing, device signature and the quoted reply', () => {
    const text = [
      'Hi team,',
      '',
      'Since this morning the CSV export fails.',
      'Can you check?',
      '',
      'Thanks,',
      'Jane',
      '',
      'Sent from my iPhone',
      '',
      'On Mon, 3 Jun 2024 at 10:12, Acme Support <support@acme.com> wrote:',
      '> Hello Jane,',
      '> please try again.',
    ].join('\n');
    expect(cleanEmailText(text)).toBe('Since this morning the CSV export fails.\nCan you check?');
  });

  it('cuts a Gmail attribution wrapped over two lines', () => {
    const text = 'The sync is stuck.\n\nOn Tue, Jun 4, 2024 at 9:01 AM Acme Support <help@acme.com>\nwrote:\nold text';
    expect(cleanEmailText(text)).toBe('The sync is stuck.');
  });

  it.each([
    ['-----Original Message-----\nFrom: a\nold'],
    ['-----Ursprüngliche Nachricht-----\nVon: a'],
    ["-----Message d'origine-----\nDe : a"],
    ['-----Mensaje original-----\nDe: a'],
    ['________________________________\nFrom: Support\nSent: Monday\nold'],
    ['From: Acme Support <help@acme.com>\nSent: Monday, June 3, 2024 10:12 AM\nTo: Jane\nSubject: RE: Export'],
    ['Von: Acme Support <help@acme.com>\nGesendet: Montag, 3. Juni 2024 10:12\nAn: Max'],
    ['De : Acme Support\nEnvoyé : lundi 3 juin 2024 10:12\nÀ : Marie'],
    ['De: Acme Support\nEnviado: lunes, 3 de junio de 2024 10:12\nPara: Carlos'],
    ['Am Mo., 3. Juni 2024 um 10:12 Uhr schrieb Acme Support <help@acme.com>:\n> alt'],
    ['Le lun. 3 juin 2024 à 10:12, Acme Support <help@acme.com> a écrit :\n> ancien'],
    ['El lun, 3 jun 2024 a las 10:12, Acme Support (<help@acme.com>) escribió:\n> viejo'],
    ['##- Please type your reply above this line -##\nold'],
  ])('cuts at reply separator %#', (tail) => {
    expect(cleanEmailText(`Export still broken.\n\n${tail}\nmore old text`)).toBe('Export still broken.');
  });

  it.each([
    ['-- \nJane Doe\nACME Corp'],
    ['Best regards,\nJane Doe'],
    ['Kind regards\nJane'],
    ['Cheers, Jane'],
    ['Mit freundlichen Grüßen\nMax Mustermann'],
    ['Cordialement,\nMarie'],
    ['Saludos,\nCarlos'],
    ['Von meinem iPhone gesendet'],
    ['Get Outlook for Android'],
  ])('cuts at signature %#', (signature) => {
    expect(cleanEmailText(`The export is empty.\n\n${signature}`)).toBe('The export is empty.');
  });

  it.each([
    ['Hello,\nThe export is empty.'],
    ['Dear Acme support team,\nThe export is empty.'],
    ['Hallo\n\nThe export is empty.'],
    ['Bonjour,\nThe export is empty.'],
    ['Hi team, The export is empty.'],
    ['Hola Tom: The export is empty.'],
    ['Thanks!\nThe export is empty.'],
  ])('drops greeting %#', (text) => {
    expect(cleanEmailText(text)).toBe('The export is empty.');
  });

  it('keeps lines that merely start like a greeting or closing', () => {
    expect(cleanEmailText('Hidden columns are missing in the export.')).toBe('Hidden columns are missing in the export.');
    expect(cleanEmailText('The export fails.\nThanks for looking into the broken PDF layout too')).toBe(
      'The export fails.\nThanks for looking into the broken PDF layout too',
    );
  });

  it('treats a message of only thanks and a name as empty', () => {
    expect(cleanEmailText('Thanks!\n\nJane Doe')).toBe('');
    expect(cleanEmailText('Danke\nMax')).toBe('');
  });

  it('drops quoted lines inside the message', () => {
    expect(cleanEmailText('> Did you clear the cache?\nYes, it still fails.')).toBe('Yes, it still fails.');
  });
});

describe('htmlToText', () => {
  it('turns blocks into lines, decodes entities and drops quotes, signatures and scripts', () => {
    const html = `<div dir="ltr"><p>Hi,</p><p>The <b>login</b>
      page shows &quot;E404&quot; &amp; hangs&nbsp;forever &#8211; caf&eacute; &#x1F600;</p>
      <script>alert('x')</script><style>p{color:red}</style>
      <div class="gmail_signature"><div>Jane</div><div>CEO</div></div>
      <div class="gmail_quote"><div>On Mon wrote:</div><blockquote>old <blockquote>older</blockquote> still old</blockquote></div>
      <p>P.S. also in Safari</p></div>`;
    expect(htmlToText(html)).toBe('Hi,\n\nThe login page shows "E404" & hangs forever – café 😀\n\nP.S. also in Safari');
  });

  it('recognizes HTML only by real tags', () => {
    expect(looksLikeHtml('<p>Hello</p>')).toBe(true);
    expect(looksLikeHtml('Hello<br/>there')).toBe(true);
    expect(looksLikeHtml('Mail me at <jane@acme.com>, when x < 3 and y > 2')).toBe(false);
  });
});

describe('cleanSubject and stemKey', () => {
  it('stays linear on a megabyte without a space or an "@"', () => {
    const started = Date.now();
    expect(cleanSubject(`card blocked ${'W'.repeat(1 << 20)}`)).toMatch(/^card blocked W+$/);
    // Backtracking would take hours on a megabyte; the bound leaves room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('drops reply prefixes and ticket numbers', () => {
    expect(cleanSubject('RE: AW: Fwd: [#48213] Export fails')).toBe('[ ] Export fails');
    expect(cleanSubject('WG: Rechnung Nr. 2024001 falsch')).toBe('Rechnung falsch');
  });

  it('merges plural and verb forms', () => {
    expect(stemKey('invoices')).toBe(stemKey('invoice'));
    expect(stemKey('invoicing')).toBe(stemKey('invoice'));
    expect(stemKey('users')).toBe(stemKey('user'));
    expect(stemKey('rechnungen')).toBe(stemKey('rechnung'));
    expect(stemKey('exportée')).toBe(stemKey('exporte'));
    expect(stemKey('e404')).toBe('e404');
  });

  it('merges forms that double their last letter', () => {
    expect(stemKey('resetting')).toBe(stemKey('reset'));
    expect(stemKey('stopped')).toBe(stemKey('stop'));
  });
});

describe('buildSearchQuery', () => {
  it('uses the subject and the latest customer comment, not agent replies or quotes', () => {
    const input = ticket('Re: CSV export fails with error 502', [
      fromCustomer(
        'Hi team,\n\nwhen I export invoices to CSV the page shows error 502. Order #123456, call me at ' +
          '+49 30 1234567 or jane@acme.com. See https://acme.zendesk.com/hc/x\n\nThanks,\nJane\n\nSent from my iPhone',
      ),
      fromAgent('Hello Jane, please try clearing the browser cache and reinstalling Chrome. Best, Tom'),
      fromAgent('Internal: probably the Redis timeout again', false),
      fromCustomer(
        'Hi Tom,\nstill failing, now the exports of invoices time out.\n\n' +
          'On Mon, 3 Jun 2024 at 10:12, Tom <tom@acme.com> wrote:\n> Hello Jane, please try clearing the browser cache.',
      ),
    ]);
    const result = buildSearchQuery(input);
    expect(result.terms).toEqual(['csv', 'export', 'fails', 'error', '502', 'invoices', 'time']);
    expect(result.query).toBe('csv export fails error 502 invoices time');
    for (const noise of ['tom', 'jane', 'cache', 'chrome', 'redis', '123456', 'acme', 'iphone']) {
      expect(result.query).not.toContain(noise);
    }
  });

  it('skips a final "thank you" comment in favour of the previous one', () => {
    const input = ticket('Question', [
      fromCustomer('The invoice PDF shows the wrong VAT rate for Austria.'),
      fromAgent('Fixed, please check.'),
      fromCustomer('Thanks!\n\nJane'),
    ]);
    expect(buildSearchQuery(input).terms).toEqual(['invoice', 'pdf', 'wrong', 'vat', 'rate', 'austria']);
  });

  it('reads HTML bodies', () => {
    const input = ticket('Login', [
      fromCustomer('', {
        htmlBody:
          '<div dir="ltr"><p>Hi,</p><p>SSO login with <b>Okta</b> returns &quot;AADSTS50105&quot;.</p>' +
          '<div class="gmail_signature">Jane Doe<br>ACME Corp</div>' +
          '<div class="gmail_quote">On Mon wrote:<blockquote>old question about billing</blockquote></div></div>',
      }),
    ]);
    expect(buildSearchQuery(input).terms).toEqual(['login', 'sso', 'okta', 'returns', 'aadsts50105']);
  });

  it('keeps error codes and drops plain numbers, dates, phones and IDs', () => {
    const input = ticket('Sync error', [
      fromCustomer(
        'Since 2024-06-03 the sync stops with ERR_CONNECTION_RESET and HTTP 503, sometimes code 0x80070005. ' +
          'We have 250 users. Invoice INV-2024-0012 and GUID 123e4567-e89b-12d3-a456-426614174000. Call 555-123-4567.',
      ),
    ]);
    const terms = buildSearchQuery(input, { maxTerms: 20 }).terms;
    expect(terms).toEqual(expect.arrayContaining(['sync', 'error', 'err_connection_reset', 'http', '503', '0x80070005', 'invoice']));
    for (const noise of ['2024', '250', '0012', '4567', '555', 'inv-2024-0012', 'e89b']) {
      expect(terms).not.toContain(noise);
    }
  });

  it('keeps a list of codes that only looks like a phone number', () => {
    const terms = buildSearchQuery(ticket('Gateway errors', [fromCustomer('We get error 502 503 504 at random.')])).terms;
    expect(terms).toContain('502');
  });

  it('weighs subject words above words of the message', () => {
    const { terms, weights } = buildSearchQuery(ticket('Card declined', [fromCustomer('It happened at the airport pharmacy.')]));
    const weight = (term: string) => weights[terms.indexOf(term)]!;
    expect(weight('declined')).toBeGreaterThan(weight('airport'));
    expect(weight('card')).toBeGreaterThan(weight('pharmacy'));
  });

  it('limits the number of terms and prefers subject words', () => {
    const body =
      'The dashboard widgets render blank after switching workspace. Filters, charts, exports, ' +
      'notifications, permissions, integrations, webhooks and audit logs behave strangely too.';
    const terms = buildSearchQuery(ticket('Dashboard blank', [fromCustomer(body)]), { maxTerms: 4 }).terms;
    expect(terms).toHaveLength(4);
    expect(terms.slice(0, 2)).toEqual(['dashboard', 'blank']);
  });

  it('copes with a tiny ticket', () => {
    expect(buildSearchQuery(ticket('Help', [fromCustomer('?')]))).toEqual({ query: '', terms: [], weights: [] });
    expect(buildSearchQuery(ticket('Refund', []))).toMatchObject({ query: 'refund', terms: ['refund'] });
  });

  it('copes with a huge ticket quickly', () => {
    const log = Array.from({ length: 4000 }, (_, i) => `2024-06-03 10:${String(i % 60).padStart(2, '0')} WARN retry ${i}`).join('\n');
    const digits = '1 '.repeat(50_000);
    const input = ticket('Import crashes with OutOfMemoryError', [
      fromCustomer(`The nightly import crashes. Log below:\n${log}\n${digits}`),
    ]);
    const started = performance.now();
    const result = buildSearchQuery(input);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.terms.slice(0, 3)).toEqual(['import', 'crashes', 'outofmemoryerror']);
    expect(result.terms.length).toBeLessThanOrEqual(8);
  });

  it('handles German with signature and phone', () => {
    const input = ticket(
      'AW: Rechnung kann nicht heruntergeladen werden',
      [
        fromCustomer(
          'Hallo zusammen,\n\nich kann meine Rechnungen nicht mehr als PDF herunterladen. Es kommt Fehlercode E404.\n\n' +
            'Mit freundlichen Grüßen\nMax Mustermann\nTel. 0176 12345678',
        ),
      ],
      'de-DE',
    );
    expect(buildSearchQuery(input).terms).toEqual(['rechnung', 'heruntergeladen', 'pdf', 'herunterladen', 'fehlercode', 'e404']);
  });

  it('handles French elisions', () => {
    const input = ticket(
      'Impossible de me connecter',
      [fromCustomer("Bonjour,\n\nJe n'arrive plus à me connecter à l'application. Le mot de passe est refusé.\n\nCordialement,\nMarie")],
      'fr',
    );
    expect(buildSearchQuery(input).terms).toEqual(['connecter', 'application', 'mot', 'passe', 'refusé']);
  });

  it('handles Spanish', () => {
    const input = ticket(
      'No puedo restablecer mi contraseña',
      [fromCustomer('Hola,\n\nel correo para restablecer la contraseña no llega. Revisé la carpeta de spam.\n\nSaludos,\nCarlos')],
      'es',
    );
    const terms = buildSearchQuery(input).terms;
    expect(terms.slice(0, 2)).toEqual(['restablecer', 'contraseña']);
    expect(terms).toEqual(expect.arrayContaining(['correo', 'spam']));
    expect(terms).not.toContain('carlos');
  });

  it('keeps Japanese kanji and katakana runs', () => {
    const input = ticket(
      'ログインできません',
      [fromCustomer('パスワードをリセットしましたが、ログインできません。請求書も届きません。')],
      'ja',
    );
    expect(buildSearchQuery(input).terms).toEqual(['ログイン', 'パスワード', 'リセット', '請求書']);
  });

  it('falls back to the description when an agent opened the ticket', () => {
    const input = ticket('Phone call: card declined', [
      fromAgent('Customer called, their Visa card is declined at checkout with code 05.'),
    ]);
    // "called" merges into the subject's "call"; the two-digit code is too short to keep.
    expect(buildSearchQuery(input).terms).toEqual(['phone', 'call', 'card', 'declined', 'customer', 'visa', 'checkout', 'code']);
  });

  it('exposes the cleaned customer text', () => {
    const input = ticket('Re: Export', [fromCustomer('Hi,\nExport is empty, see https://x.example.com/a\n\nBest regards,\nJane')]);
    expect(customerText(input)).toBe('Export\n\nExport is empty, see');
  });
});

describe('personal data never reaches the search query', () => {
  it("looks for it wherever it may be: a text a pattern matches never fails the pattern's cheap pre-check", () => {
    // Texts rich in what the patterns look for: letters in both cases, digits, separators, "@", the password words.
    const piece = fc.oneof(
      fc.constantFrom('@', '.', '-', '/', '(', ')', '+', ' ', '\n', ':', '#', 'ſ', 'K', 'ß', 'Ñ', 'é'),
      fc.constantFrom('Password', 'PASSWORT', 'Kennwort', 'mot de passe', 'CONTRASEÑA', 'senha', 'パスワード', 'is', 'ist'),
      fc.constantFrom('invoice', 'Order', 'nr.', 'No.', 'n°', 'DE', 'gb', 'www', 'mail'),
      fc.stringMatching(/^[A-Za-z0-9]{1,6}$/),
      fc.stringMatching(/^\d{1,5}$/),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        for (const [check, patterns] of Object.entries(SCRUB_PATTERNS))
          for (const pattern of patterns) {
            const matches = new RegExp(pattern.source, pattern.flags).test(text);
            if (matches) expect(MAY_HOLD[check as keyof typeof MAY_HOLD](text), `${check}: ${JSON.stringify(text)}`).toBe(true);
          }
      }),
      { numRuns: 2000 },
    );
  });

  const terms = (input: QueryInput) => buildSearchQuery(input, { maxTerms: 30 }).terms;

  it('drops IBANs, written grouped or in one run', () => {
    const found = terms(
      ticket('Transfer to DE89 3704 0044 0532 0130 00 missing', [
        fromCustomer('My IBAN is GB29NWBK60161331926819 and the transfer failed.'),
      ]),
    );
    expect(found).toEqual(expect.arrayContaining(['transfer', 'missing', 'failed']));
    for (const part of ['de89', '3704', '0044', '0532', '0130', '00', 'gb29nwbk60161331926819']) expect(found).not.toContain(part);
  });

  it('drops passwords the customer typed, in any of the app languages', () => {
    const bodies = [
      'Login fails, my password is sunFlower7 and it was fine',
      'Anmeldung geht nicht, Passwort: Sommerwiese',
      'Connexion impossible, mot de passe : papillon',
      'No puedo entrar, contraseña: mariposa',
      'Não consigo entrar, senha = borboleta',
      'ログインできません パスワード：Sakurabana',
    ];
    for (const body of bodies) {
      const query = buildSearchQuery(ticket('Login', [fromCustomer(body)]), { maxTerms: 30 }).query;
      expect(query).not.toMatch(/sunflower7|sommerwiese|papillon|mariposa|borboleta|sakurabana/i);
    }
  });

  it("drops the names it is given (the requester's, the agent's) wherever they appear", () => {
    const input = {
      ...ticket('Card for Annika Lindqvist blocked', [
        fromCustomer('Annika here: my card was blocked after a payment. Lindqvist family account.'),
      ]),
      names: ['Annika Lindqvist'],
    };
    const found = terms(input);
    expect(found).toEqual(expect.arrayContaining(['card', 'blocked', 'payment']));
    expect(found).not.toContain('annika');
    expect(found).not.toContain('lindqvist');
  });

  it('scrubs a manual search the same way before it is sent or used as a cache key', () => {
    expect(scrubQuery('refund jane.doe@example.com +44 20 7946 0958 DE89370400440532013000', ['Jane Doe'])).toBe('refund');
    expect(scrubQuery('card declined error 502', [])).toBe('card declined error 502');
    // A hostile "name" of a megabyte, or of regular-expression syntax, is data: the search still works.
    expect(scrubQuery('zqhostile refund', ['W'.repeat(1 << 20), '(a+)+$ [x', 'Jane Doe'])).toBe('zqhostile refund');
  });
});
