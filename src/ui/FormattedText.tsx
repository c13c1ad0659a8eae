import type { ComponentChildren } from 'preact';
import type { Block, Inline } from '../domain/answers/markdown';

/**
 * An answer's formatted text as elements, from the same tree the reply's HTML and plain text are
 * rendered from, so what the agent reads is what is inserted. Text stays text: no HTML is parsed.
 */
function InlineNodes({ nodes, gapTitle }: { nodes: Inline[]; gapTitle: string }): ComponentChildren {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'gap':
        return (
          <mark key={i} class="gap" title={gapTitle}>
            {node.text}
          </mark>
        );
      case 'break':
        return <br key={i} />;
      case 'strong':
        return (
          <strong key={i}>
            <InlineNodes nodes={node.children} gapTitle={gapTitle} />
          </strong>
        );
      case 'em':
        return (
          <em key={i}>
            <InlineNodes nodes={node.children} gapTitle={gapTitle} />
          </em>
        );
      case 'link':
        return (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer">
            <InlineNodes nodes={node.children} gapTitle={gapTitle} />
          </a>
        );
    }
  });
}

export function FormattedText({ blocks, gapTitle = '' }: { blocks: Block[]; gapTitle?: string }) {
  return (
    <>
      {blocks.map((block, i) => {
        if (block.kind === 'paragraph')
          return (
            <p key={i}>
              <InlineNodes nodes={block.content} gapTitle={gapTitle} />
            </p>
          );
        const items = block.items.map((item, j) => (
          <li key={j}>
            <InlineNodes nodes={item} gapTitle={gapTitle} />
          </li>
        ));
        return block.ordered ? (
          <ol key={i} start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={i}>{items}</ul>
        );
      })}
    </>
  );
}
