/** Waiting in tests for a daemon to reach a state (its log line) without timers: event-loop turns, bounded. */
import type { Container } from '../../../../engine/container/Container';
import { yieldNow } from '../../../../engine/process/scheduler';
import { decodeText } from '../../../../engine/process/text';

export function logText(c: Container): string {
  return c.logs
    .all()
    .map((e) => decodeText(e.data))
    .join('');
}

export async function untilLogged(c: Container, text: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (logText(c).includes(text)) {
      await yieldNow();
      return;
    }
    await yieldNow();
  }
  throw new Error(`never logged ${JSON.stringify(text)}; logs: ${logText(c)}`);
}
