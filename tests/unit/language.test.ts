import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/domain/language';

describe('the language a customer wrote in', () => {
  it.each([
    ['de', 'Hallo, ich habe vor zwei Wochen eine neue Karte bestellt, aber sie ist immer noch nicht da.'],
    ['en', 'Hi, I ordered a new card two weeks ago and it has still not arrived. Can you send it again?'],
    ['fr', "Bonjour, je ne reçois plus les codes SMS pour me connecter, et je n'ai pas changé de numéro."],
    ['es', 'Hola, hice una transferencia a mi cuenta del BBVA el lunes y todavía no ha llegado.'],
    ['pt', 'Olá, fiz uma compra com o meu cartão e o reembolso ainda não apareceu na minha conta.'],
    ['ja', 'カードが届きません。二週間前に注文しました。'],
  ])('tells %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('says nothing when the text is too short to tell', () => {
    for (const text of ['Card not arrived', 'Karte nicht angekommen', 'Top-up', '']) expect(detectLanguage(text)).toBeNull();
  });

  it('reads an English message from a German-speaking customer as English', () => {
    expect(
      detectLanguage('Überweisung ans Finanzamt\n\nI paid my tax to the Finanzamt Stuttgart on Friday evening. The app says it was sent.'),
    ).toBe('en');
  });
});
