/** Socket errors (errno names) programs turn into their own wording (curl's `Couldn't connect to server`...). */

export type NetErrorCode = 'ECONNREFUSED' | 'ECONNRESET' | 'EHOSTUNREACH' | 'ENETUNREACH' | 'ENOTFOUND' | 'EADDRINUSE' | 'EPIPE' | 'EACCES';

const TEXT: Readonly<Record<NetErrorCode, string>> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ENOTFOUND: 'Name or service not known',
  EADDRINUSE: 'Address already in use',
  EPIPE: 'Broken pipe',
  EACCES: 'Permission denied',
};

export class NetError extends Error {
  override readonly name = 'NetError';
  constructor(readonly code: NetErrorCode) {
    super(TEXT[code]);
  }
}

export function isNetError(e: unknown, code?: NetErrorCode): e is NetError {
  return e instanceof NetError && (code === undefined || e.code === code);
}
