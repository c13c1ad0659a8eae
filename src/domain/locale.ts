/** 'pt-BR' → ['pt-br', 'pt', 'en']: the order in which translations or content are tried. */
export function localeChain(locale: string | null | undefined, fallback = 'en'): string[] {
  const chain: string[] = [];
  const add = (value: string) => {
    if (value && !chain.includes(value)) chain.push(value);
  };
  const normalised = (locale ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (normalised) {
    add(normalised);
    add(normalised.split('-')[0]!);
  }
  add(fallback.toLowerCase());
  return chain;
}
