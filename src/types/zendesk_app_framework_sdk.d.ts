declare module 'zendesk_app_framework_sdk' {
  const ZAFClient: { init(callback?: (context: unknown) => void): import('../host/zaf').ZafClient | false };
  export default ZAFClient;
}
