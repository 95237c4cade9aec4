/**
 * Reads a server-sent events stream (the web chat's `/api/chat/events`) and calls `onEvent` with
 * each `data:` payload parsed as JSON; `close()` ends it. For tests and benchmarks.
 */
export function readEvents(
  url: string,
  headers: Record<string, string>,
  onEvent: (data: unknown, id: string | undefined) => void,
): { opened: Promise<void>; close(): void } {
  const abort = new AbortController();
  let opened!: () => void;
  const ready = new Promise<void>((resolve) => (opened = resolve));
  void (async () => {
    try {
      const res = await fetch(url, {
        headers: { accept: 'text/event-stream', ...headers },
        signal: abort.signal,
      });
      opened();
      if (!res.body) return;
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let id: string | undefined;
          const data: string[] = [];
          for (const line of frame.split('\n')) {
            if (line.startsWith('id:')) id = line.slice(3).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (data.length > 0) onEvent(JSON.parse(data.join('\n')), id);
        }
      }
    } catch {
      opened();
      // Closed by `close()` or by the server going away.
    }
  })();
  return { opened: ready, close: () => abort.abort() };
}
