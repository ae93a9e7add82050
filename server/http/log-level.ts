/**
 * How loud a finished request is in the log. A 4xx is the client's mistake (warn), whatever error object came
 * with it; 501 is a request for something not offered (oEmbed `format=xml`), not a failure. Only the server's
 * own failures are errors, so an alert on error lines means something broke.
 */
export function logLevelFor(status: number, failed: boolean): 'error' | 'warn' | 'info' {
  if (status >= 500 && status !== 501) return 'error';
  if (status >= 400) return 'warn';
  return failed ? 'error' : 'info';
}
