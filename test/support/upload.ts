/**
 * A presigned PUT as a browser sends it. A browser that finds its kept-alive connection closed by
 * the server in the instant it reused it sends the request again on a new one; Node's fetch does
 * not, and on a loaded machine the sandbox's bucket front may close an idle connection just as the
 * test reuses it ("other side closed"). Such a request never reached the server, so it is sent once
 * more, as the browser would.
 */
export async function putUpload(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, method: 'PUT' });
  } catch (error) {
    if (!closedBeforeAnswer(error)) throw error;
    return fetch(url, { ...init, method: 'PUT' });
  }
}

function closedBeforeAnswer(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return error instanceof TypeError && (cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET');
}
