import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { endToEndHeaders } from './hop-by-hop.js';

/**
 * One pass-through exchange as an undici dispatch handler: status and end-to-end headers are written as
 * they arrive, each body chunk goes straight to the client, and a slow client pauses the backend read
 * (backpressure) instead of buffering. No promises or streams on this path.
 */
export class EchoExchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly onFailure: (res: ServerResponse, error: Error) => void,
  ) {
    res.once('close', this.onClientClose);
    res.on('drain', this.onDrain);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (statusCode < 200) return; // 1xx from the backend: Node answers the client's own Expect itself
    this.res.writeHead(statusCode, endToEndHeaders(headers));
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.res.write(chunk)) controller.pause();
  }

  onResponseEnd(): void {
    this.res.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.onFailure(this.res, error);
  }

  private readonly onDrain = (): void => {
    this.controller?.resume();
  };

  /** The client went away before the answer was complete: stop reading from the backend. */
  private readonly onClientClose = (): void => {
    if (!this.res.writableFinished && this.controller !== undefined && !this.controller.aborted) {
      this.controller.abort(new Error('client closed the connection'));
    }
  };
}
