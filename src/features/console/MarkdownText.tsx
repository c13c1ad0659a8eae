import { useMemo } from 'preact/hooks';
import { parseMarkdown } from '../../domain/answers/markdown';
import { FormattedText } from '../../ui/FormattedText';

/** An answer body as written (placeholders unfilled), formatted. */
export function MarkdownText({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return <FormattedText blocks={blocks} />;
}
