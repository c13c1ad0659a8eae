// The SDK falls back to a bundled Promise polyfill for browsers without one. Every browser
// Zendesk supports has Promise, so the fallback is resolved to the native one (~2.5 KB saved).
export default Promise;
