/**
 * The page's side of lib/terminal's BrowserFiles: a host file the learner runs `download` on becomes a Blob (its
 * parts as read, never copied into one array) offered through a temporary `<a download>`.
 */
import type { BrowserFiles } from '@/lib/terminal/browserFiles';

export const browserDownloads: BrowserFiles = {
  download(name, parts) {
    const blob = new Blob(parts.map((p) => p as Uint8Array<ArrayBuffer>), { type: 'application/octet-stream' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    // The browser has taken the blob by the time the click returns; the URL is released a little later for
    // browsers that read it asynchronously.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
};
