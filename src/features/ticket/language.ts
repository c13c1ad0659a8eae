import { computed, type ReadonlySignal } from '@preact/signals';
import { languageOf } from '../../domain/locale';
import type { TextAnalysis } from '../../domain/textAnalysis';
import type { TicketModel } from './model';

/**
 * What the customer wrote (the subject and their latest message) and the language they wrote it
 * in: guessed from their words, else Zendesk's locale for them. One rule for the answer and the
 * knowledge panels; empty until the text analysis is loaded.
 */
export function customerWords(ticket: TicketModel, tools: ReadonlySignal<TextAnalysis | null>) {
  const text = computed(() => tools.value?.customerText(ticket.thread.value) ?? '');
  const language = computed(() => {
    const detected = text.value ? tools.value?.detectLanguage(text.value) : null;
    const locale = ticket.requesterLocale.value;
    return detected ?? (locale ? languageOf(locale) : null);
  });
  return { text, language };
}
