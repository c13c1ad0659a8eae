/** The part of the `zendesk_app_framework_sdk` client this app uses. Only host/ sees it. */
export type ZafHandler = (data: unknown) => void;

export interface ZafClient {
  get(paths: string | string[]): Promise<unknown>;
  set(values: Record<string, unknown>): Promise<unknown>;
  invoke(name: string, ...args: unknown[]): Promise<unknown>;
  request(options: Record<string, unknown>): Promise<unknown>;
  on(name: string, handler: ZafHandler): void;
  off(name: string, handler: ZafHandler): void;
  trigger(name: string, data?: unknown): void;
  context(): Promise<unknown>;
  metadata(): Promise<unknown>;
  instance(guid: string): ZafClient;
}
