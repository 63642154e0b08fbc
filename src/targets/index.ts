// The systems under test and behind it. The runner uses only these exports and ./types.ts.
export type { LocalProcess, StartedBackend, StartedTarget } from './types.js';
export { startBackend } from './backends/start-backend.js';
export { startTarget } from './start-target.js';
export { startEmbeddedGateway, type EmbeddedGateway, type EmbeddedGatewayOptions } from './embedded-gateway/index.js';
export { tlsConnectOptions, type TlsConnectOptions } from '../runtime/tls-connect-options.js';
export { createOAuth2TokenSource, type TokenSource } from './auth/oauth2-token-source.js';
