// The reference server's test hooks (`--test-hooks`, crates/server/src/hooks.rs):
// make requests to a path answer a canned failure, or arrive late.
import { APP_URL } from '../browser.mjs';

const HOOKS = `${APP_URL}/_ref/hooks`;

/// Until cleared (`times: 0`), every `method` request to `path` answers
/// `answer` ({status, body, content_type, headers, delay_ms}).
export async function breakSave(save, answer) {
  const response = await fetch(HOOKS, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: save.method, path: save.hookPath, times: 0, ...answer }),
  });
  if (!response.ok) throw new Error(`hook refused: ${response.status} ${await response.text()}`);
}

/// The fault is gone: every request reaches the real handlers again.
export async function clearHooks() {
  const response = await fetch(HOOKS, { method: 'DELETE' });
  if (!response.ok) throw new Error(`clearing hooks failed: ${response.status}`);
}
