// The server's API (docs/ui-api.md): queries answer newline-delimited JSON, progress lines first, then the result.

export class ApiError extends Error {
  constructor(message, column) {
    super(message);
    this.column = column;
  }
}

// Reads a streamed answer; onProgress(percent, phase, partial, line) for each progress line (partial: the result so
// far, where the query sends one; line: the whole line, with bytes and total while the capture is downloaded);
// resolves with the result.
export async function stream(path, params, onProgress, signal) {
  const response = await fetch(path + "?" + params.toString(), { signal });
  if (!response.ok) {
    const body = await response.json().catch(() => ({ error: { message: response.statusText } }));
    throw new ApiError(body.error.message, body.error.column);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let newline;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      const line = JSON.parse(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      if (line.progress !== undefined) onProgress(line.progress, line.phase, line.partial, line);
      else if (line.error) throw new ApiError(line.error.message, line.error.column);
      else if (line.result !== undefined) return line.result;
    }
  }
  throw new ApiError("the server closed the answer before its result");
}

export async function json(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new ApiError(body.error.message, body.error.column);
  return body;
}

// Sends a form as JSON; the header tells the server it comes from these pages (it refuses changes without it).
export async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Inspect-Request": "1" },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({ error: { message: response.status + " " + response.statusText } }));
  if (!response.ok) throw new ApiError(answer.error?.message ?? response.statusText);
  return answer;
}
