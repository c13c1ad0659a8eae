/**
 * The speed floor for `npm run bench`: a sidebar page that loads only the SDK and shows the
 * ticket's subject. Nothing in Zendesk can show a ticket's data sooner than this page does.
 */
import ZAFClient from 'zendesk_app_framework_sdk';

const client = ZAFClient.init();
if (client) {
  void client.get('ticket.subject').then((data) => {
    document.getElementById('subject')!.textContent = String((data as Record<string, unknown>)['ticket.subject'] ?? '');
    // The same marks as the app's, taken as the app takes them: once the frame showing the subject
    // is painted (the app marks in an effect, which Preact runs after the next frame).
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark('closed-loop:first-content');
        performance.mark('closed-loop:panels-ready');
      }),
    );
  });
}
