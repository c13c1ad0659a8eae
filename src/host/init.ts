import ZAFClient from 'zendesk_app_framework_sdk';

/**
 * The SDK's client, started before anything else on the page runs (main.tsx imports this module
 * first): its handshake with Zendesk goes out while the rest of the app's code is still being
 * evaluated. False when the page is opened outside Zendesk.
 */
export const zaf = ZAFClient.init();
