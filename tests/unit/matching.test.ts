import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { createMatcher, DEFAULT_CONFIDENCE_THRESHOLD, type AnswerDoc } from '../../src/domain/matching/index';
import { stem } from '../../src/domain/matching/stemmer';
import { tokenize } from '../../src/domain/matching/text';
import { crossValidate, parseCsv, summarize, type Row } from '../../scripts/matching-eval-lib';

const SUPPORT_ANSWERS: AnswerDoc[] = [
  {
    id: 'password-reset',
    title: 'Reset a forgotten password',
    summary: 'The customer cannot log in because they forgot their password.',
    examples: [
      'I forgot my password',
      'How do I reset my password?',
      'The password reset email never arrives',
      'Locked out of my account, need a new password',
    ],
    tags: ['login'],
    locale: 'en',
  },
  {
    id: 'refund-request',
    title: 'Refund for a returned order',
    examples: [
      'I want my money back',
      'When will I get a refund for my return?',
      'Please refund the item I sent back',
      'Refund still not received after returning the parcel',
    ],
    tags: ['refund'],
    locale: 'en',
  },
  {
    id: 'shipping-delay',
    title: 'Order delivery is late',
    examples: [
      'My package has not arrived yet',
      'Where is my order?',
      'Tracking shows no update for a week',
      'The delivery is late, when will it come?',
    ],
    tags: ['shipping'],
    locale: 'en',
  },
  {
    id: 'cancel-subscription',
    title: 'Cancel a subscription',
    examples: [
      'How do I cancel my subscription?',
      'Stop my monthly plan',
      'I want to end my membership and not be charged again',
      'Please cancel auto renewal',
    ],
    tags: ['billing'],
    locale: 'en',
  },
  {
    id: 'invoice-copy',
    title: 'Send a copy of an invoice',
    examples: [
      'Can I get an invoice for my purchase?',
      'I need a receipt with our VAT number',
      'Where can I download my invoices?',
      'Please resend last month invoice',
    ],
    tags: ['billing'],
    locale: 'en',
  },
  {
    id: 'two-factor',
    title: 'Two-factor authentication code not received',
    examples: [
      'I am not getting the 2FA code',
      'The verification SMS does not come',
      'Authenticator app codes are rejected',
      'Lost my phone with the authenticator',
    ],
    tags: ['login'],
    locale: 'en',
  },
];

describe('stemmer and tokenizer', () => {
  it('conflates inflected forms', () => {
    expect(stem('charged')).toBe(stem('charges'));
    expect(stem('charging')).toBe(stem('charge'));
    expect(stem('cancellation')).not.toBe(stem('card'));
    expect(stem('relational')).toBe('relat');
  });

  it('folds case and diacritics and expands contractions', () => {
    expect(tokenize("Überweisung DIDN'T arrive").map((t) => t.surface)).toEqual(['uberweisung', 'did', 'not', 'arrive']);
    expect(tokenize('dont').map((t) => t.surface)).toEqual(['do', 'not']);
  });

  it("reads Object.prototype's names as words", () => {
    expect(tokenize('constructor toString __proto__ valueOf').map((t) => t.surface)).toEqual([
      'constructor',
      'tostring',
      'proto',
      'valueof',
    ]);
    expect(createMatcher(SUPPORT_ANSWERS).rank({ subject: "{{constructor.constructor('x')()}} hasOwnProperty" })).toBeDefined();
  });

  it('skips runs too long to be words, so a megabyte of one letter costs nothing', () => {
    expect(tokenize(`password ${'w'.repeat(1 << 20)} reset`).map((t) => t.surface)).toEqual(['password', 'reset']);
    expect(createMatcher(SUPPORT_ANSWERS).rank({ subject: `I forgot my password ${'W'.repeat(1 << 20)}` })[0]?.id).toBe('password-reset');
  });

  it('splits unspaced scripts into character bigrams', () => {
    expect(tokenize('密码重置').map((t) => t.surface)).toEqual(['密码', '码重', '重置']);
    expect(tokenize('ログインできない VPN').map((t) => t.surface)).toContain('vpn');
  });
});

describe('createMatcher ranking', () => {
  const matcher = createMatcher(SUPPORT_ANSWERS);

  it.each([
    ['password-reset', "I can't remember my password and can't sign in"],
    ['refund-request', 'I returned the shoes two weeks ago, where is my refund?'],
    ['shipping-delay', 'my parcel still hasnt arrived, tracking not updated'],
    ['cancel-subscription', 'please cancel my membership, I do not want to be charged next month'],
    ['invoice-copy', 'Need an invoice with the company VAT number for accounting'],
    ['two-factor', 'verification code by SMS never comes'],
  ])('ranks %s first for a paraphrase', (id, subject) => {
    const ranked = matcher.rank({ subject });
    expect(ranked[0]?.id).toBe(id);
    expect(ranked.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
  });

  it('answers a near-verbatim ticket with high confidence', () => {
    const res = matcher.match({ subject: 'How do I reset my password?', text: 'I forgot my password.' });
    expect(res.abstained).toBe(false);
    expect(res.best?.id).toBe('password-reset');
    expect(res.confidence).toBeGreaterThanOrEqual(DEFAULT_CONFIDENCE_THRESHOLD);
    expect(res.alternates.length).toBeLessThanOrEqual(2);
    expect(res.alternates.map((a) => a.id)).not.toContain('password-reset');
  });

  it('abstains on unrelated text', () => {
    for (const subject of ['The weather was lovely at the picnic yesterday', 'qwertz uiopü asdfgh', 'Lorem ipsum dolor sit amet']) {
      const res = matcher.match({ subject });
      expect(res.abstained).toBe(true);
      expect(res.best).toBeNull();
      expect(res.confidence).toBeLessThan(DEFAULT_CONFIDENCE_THRESHOLD);
    }
  });

  it('honours a custom threshold', () => {
    const lax = createMatcher(SUPPORT_ANSWERS, { threshold: 0 });
    expect(lax.match({ subject: 'where is my refund' }).best?.id).toBe('refund-request');
    const strict = createMatcher(SUPPORT_ANSWERS, { threshold: 1.01 });
    const res = strict.match({ subject: 'How do I reset my password?' });
    expect(res.abstained).toBe(true);
    expect(res.alternates[0]?.id).toBe('password-reset');
  });
});

describe('tags and locale', () => {
  it('treats a matching ticket tag as a strong signal', () => {
    const matcher = createMatcher(SUPPORT_ANSWERS);
    const subject = 'question about my account';
    const plain = matcher.rank({ subject });
    const tagged = matcher.rank({ subject, tags: ['refund'] });
    expect(plain[0]?.id).not.toBe('refund-request');
    expect(tagged[0]?.id).toBe('refund-request');
    expect(matcher.match({ subject, tags: ['refund'] }).best?.id).toBe('refund-request');
    // A tag shared by two answers does not decide between them on its own.
    expect(matcher.match({ subject, tags: ['billing'] }).best).toBeNull();
    // Tags are matched case-insensitively.
    expect(matcher.rank({ subject, tags: ['Shipping'] })[0]?.id).toBe('shipping-delay');
  });

  it('prefers the ticket locale when answers are otherwise equal', () => {
    const base = { title: 'Reset password', examples: ['I forgot my password', 'reset my password'] };
    const answers: AnswerDoc[] = [
      { id: 'pw-de', locale: 'de', ...base },
      { id: 'pw-en', locale: 'en-US', ...base },
      { id: 'pw-any', ...base },
      { id: 'other', title: 'Change billing address', examples: ['update my invoice address'] },
    ];
    const matcher = createMatcher(answers);
    const order = (locale?: string): string[] => matcher.rank({ subject: 'forgot password', locale }).map((r) => r.id);
    const before = (ids: string[], a: string, b: string): boolean => ids.indexOf(a) < ids.indexOf(b);
    expect(before(order('de-AT'), 'pw-de', 'pw-en')).toBe(true);
    expect(before(order('en'), 'pw-en', 'pw-de')).toBe(true);
    // Answers without a locale suit every ticket, so they win over a foreign one.
    expect(order('fr')[0]).toBe('pw-any');
    expect(before(order('de'), 'pw-any', 'pw-en')).toBe(true);
  });

  it('matches non-English Latin-script and CJK answers', () => {
    const answers: AnswerDoc[] = [
      {
        id: 'fr-remboursement',
        title: 'Remboursement',
        examples: ['Je veux être remboursé', 'Quand vais-je recevoir mon remboursement ?'],
        locale: 'fr',
      },
      {
        id: 'de-lieferung',
        title: 'Lieferung verspätet',
        examples: ['Meine Bestellung ist noch nicht angekommen', 'Wo bleibt meine Lieferung?'],
        locale: 'de',
      },
      { id: 'zh-password', title: '忘记密码', examples: ['我忘记了密码', '如何重置密码'], locale: 'zh' },
      { id: 'ja-login', title: 'ログインできない', examples: ['ログインできません', 'アカウントにログインできない'], locale: 'ja' },
    ];
    const matcher = createMatcher(answers);
    expect(matcher.rank({ subject: 'Mon remboursement est en retard' })[0]?.id).toBe('fr-remboursement');
    expect(matcher.rank({ subject: 'Lieferung nicht angekommen' })[0]?.id).toBe('de-lieferung');
    expect(matcher.rank({ subject: '密码忘记了怎么办' })[0]?.id).toBe('zh-password');
    expect(matcher.rank({ subject: 'ログインできないです' })[0]?.id).toBe('ja-login');
  });
});

describe('confidence', () => {
  // Each answer has one German example among its English ones, as a multilingual team's library does.
  const bank = (id: string, title: string, examples: string[]): AnswerDoc => ({ id, title, examples, locale: 'en' });
  const answers: AnswerDoc[] = [
    bank('card-not-arrived', 'Card has not arrived', [
      'my card still hasnt arrived',
      'where is my new card',
      'card never came in the post',
      'meine Karte ist noch nicht angekommen',
    ]),
    bank('forgot-password', 'Forgot password', ['forgot my password', 'password reset email not arriving', 'Passwort vergessen']),
    bank('close-account', 'Close the account', [
      'I want to close my account',
      'please delete my account',
      'ich möchte mein Konto schließen',
    ]),
    bank('top-up', 'Top-up failed', ['top up failed', 'can not add money with my card', 'Aufladen fehlgeschlagen']),
    bank('exchange-rate', 'Exchange rate looks wrong', [
      'exchange rate is wrong',
      'overcharged on currency conversion',
      'Wechselkurs ist falsch',
    ]),
    bank('statement', 'Statement download', ['how do I download my statement', 'monthly statement as pdf', 'Kontoauszug herunterladen']),
  ];

  it('answers a short ticket that only one answer speaks to, however few words they share', () => {
    // Few shared words give every answer a low score; the best one still stands far apart from the rest.
    const matcher = createMatcher(answers);
    for (const [subject, id] of [
      ['Kontoauszug für den Vermieter', 'statement'],
      ['Wechselkurs bei Abhebung', 'exchange-rate'],
    ] as const) {
      const res = matcher.match({ subject, locale: 'de' });
      expect(res.best?.id).toBe(id);
      expect(res.confidence).toBeGreaterThanOrEqual(matcher.threshold);
    }
    for (const subject of ['Kredit für ein Auto', 'The weather was lovely at the picnic yesterday']) {
      expect(matcher.match({ subject, locale: 'de' }).best).toBeNull();
    }
  });

  it('offers as other answers only those near the best on the words or sharing a tag with it', () => {
    const tagged = answers.map((a) => ({ ...a, tags: a.id === 'exchange-rate' ? ['fx'] : ['card'] }));
    const matcher = createMatcher(tagged);
    // The ticket's "card" tag lifts every card answer, but none of them is about exchange rates.
    const offered = (subject: string): string[] => {
      const res = matcher.match({ subject, tags: ['card'] });
      return [...(res.best ? [res.best] : []), ...res.alternates].map((a) => a.id);
    };
    expect(offered('Exchange rate is wrong, overcharged on currency conversion')).toEqual(['exchange-rate']);
    // A runner-up sharing the best answer's tag is still offered.
    expect(offered('Card never came in the post and top up failed')).toEqual(expect.arrayContaining(['card-not-arrived', 'top-up']));
  });

  it('keeps the margin when a tag lifts several answers alike', () => {
    const tagged = answers.map((a) => (a.id === 'statement' || a.id === 'forgot-password' ? a : { ...a, tags: ['card'] }));
    const matcher = createMatcher(tagged);
    const res = matcher.match({ subject: 'Karte nicht angekommen, seit zwei Wochen', tags: ['card'], locale: 'de' });
    expect(res.best?.id).toBe('card-not-arrived');
    expect(res.confidence).toBeGreaterThanOrEqual(matcher.threshold);
  });
});

describe('empty and degenerate inputs', () => {
  it('handles no answers', () => {
    const matcher = createMatcher([]);
    expect(matcher.rank({ subject: 'anything' })).toEqual([]);
    expect(matcher.match({ subject: 'anything' })).toEqual({ best: null, alternates: [], confidence: 0, abstained: true });
  });

  it('handles empty tickets, empty examples and k = 0', () => {
    const matcher = createMatcher([
      { id: 'title-only', title: 'Change billing address', examples: [] },
      { id: 'blank', title: '', examples: ['', '   '] },
      ...SUPPORT_ANSWERS,
    ]);
    expect(matcher.match({ subject: '' }).abstained).toBe(true);
    expect(matcher.match({ subject: '?!', text: '' }).best).toBeNull();
    expect(matcher.rank({ subject: 'password' }, 0)).toEqual([]);
    expect(matcher.rank({ subject: 'zzzzqx' })).toEqual([]);
    expect(matcher.rank({ subject: 'how do I change the billing address' })[0]?.id).toBe('title-only');
  });

  it('works with a single answer', () => {
    const matcher = createMatcher([SUPPORT_ANSWERS[0]!]);
    expect(matcher.match({ subject: 'I forgot my password' }).best?.id).toBe('password-reset');
    expect(matcher.match({ subject: 'Lorem ipsum dolor sit amet' }).abstained).toBe(true);
  });
});

describe('cross-validation smoke test on BANKING77', () => {
  it('beats chance by a wide margin with 10 examples per answer', () => {
    const all = parseCsv(readFileSync(new URL('../../data/banking77/train.csv', import.meta.url), 'utf8'));
    const keep = new Set([...new Set(all.map((r) => r.category))].slice(0, 12));
    const rows: Row[] = all.filter((r) => keep.has(r.category));
    const summary = summarize(crossValidate(rows, 3, { shots: 10 }));
    expect(summary.answers).toBe(12);
    expect(summary.tickets).toBe(rows.length);
    expect(summary.top1).toBeGreaterThan(70);
    expect(summary.top3).toBeGreaterThanOrEqual(summary.top1);
    expect(summary.coverageAtPrecision95).toBeGreaterThan(0);
  });
});

describe('spelling normalisation', () => {
  it('maps typos to words the answers use, but leaves known words alone', async () => {
    const { SpellingCorrector } = await import('../../src/domain/matching/spelling');
    const speller = new SpellingCorrector(['transaction', 'identity', 'failed', 'payment', 'payment']);
    expect(speller.correct('transcation')).toBe('transaction');
    expect(speller.correct('indentity')).toBe('identity');
    expect(speller.correct('paymet')).toBe('payment');
    // Different first letter: a real word, not a typo.
    expect(speller.correct('mailed')).toBe('mailed');
    expect(speller.correct('short')).toBe('short');
  });

  it('lets a misspelt ticket find its answer', () => {
    const matcher = createMatcher(SUPPORT_ANSWERS);
    expect(matcher.rank({ subject: 'subscripton cancelation' })[0]?.id).toBe('cancel-subscription');
  });
});
