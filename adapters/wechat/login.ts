/**
 * Why a WeChat login did not happen, from the errors the puppet reported while we waited.
 * puppet-service never makes start() fail: a wrong token or a dead endpoint only shows up as
 * 'error' events, so without this the bot would hang in silence.
 */
export function explainLoginFailure(endpoint: string | undefined, errors: string[], seconds: number): string {
  const all = errors.join('\n');
  const where = endpoint ? `the puppet service at ${endpoint}` : 'the WeChat puppet';
  let cause: string;
  if (/UNAUTHENTICATED|Invalid Wechaty TOKEN|token/i.test(all)) {
    cause = 'it refused the token: check wechat.token (or STEWARD_WECHAT_TOKEN)';
  } else if (/SSL|TLS|handshake|wrong version number|certificate/i.test(all)) {
    cause = 'the TLS settings do not match the service: check wechat.tls';
  } else if (/UNAVAILABLE|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|No connection established/i.test(all)) {
    cause = 'it cannot be reached: check wechat.endpoint and that the service is running';
  } else {
    cause = 'no WeChat account logged in: scan the QR code, or check the account on the service side';
  }
  return `WeChat login did not complete within ${seconds}s at ${where}: ${cause}.`;
}

export class WechatLoginError extends Error {
  override name = 'WechatLoginError';
}

/** gRPC failures that mean the connection to the puppet service is gone. */
export function isConnectionDrop(error: string): boolean {
  return /\b(1 CANCELLED|14 UNAVAILABLE|4 DEADLINE_EXCEEDED)\b/.test(error);
}
