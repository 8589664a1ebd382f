/** Saving things to the user's disk through the browser's download. */

/** Offers `blob` as a download named `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  downloadUrl(url, fileName);
  // The click has started the download by the time the next task runs.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Offers a data: or blob: URL as a download named `fileName`. */
export function downloadUrl(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Offers text as a UTF-8 download. */
export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type: `${type};charset=utf-8` }), fileName);
}

/**
 * A file name from a blueprint title: characters that file systems refuse are dropped, spaces
 * become single dashes, and Chinese titles stay readable. `"Courier pickup" → "Courier-pickup"`.
 */
export function fileStem(title: string | undefined, fallback: string): string {
  const cleaned = (title ?? '')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what is being removed
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^\.+/, '')
    .slice(0, 80);
  return cleaned.length > 0 ? cleaned : fallback;
}

/** `"Courier pickup" → "Courier-pickup.blueprint.json"`. */
export function blueprintFileName(title: string | undefined): string {
  return `${fileStem(title, 'blueprint')}.blueprint.json`;
}
