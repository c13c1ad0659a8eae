import * as z from 'zod/mini';
import type { HostClient } from './client';

export interface ReplyContent {
  text: string;
  html: string;
}

/** Appends to the agent's reply in the composer's own mode: HTML when it is rich text, else plain text. */
export async function appendToReply(host: HostClient, content: ReplyContent): Promise<void> {
  const { 'comment.useRichText': rich } = await host.get({ 'comment.useRichText': z.optional(z.boolean()) });
  if (rich === false) await host.invoke('comment.appendText', content.text);
  else await host.invoke('comment.appendHtml', content.html);
}
