import { GatebenchError } from '../errors.js';
import { peakRateRps } from './builtin/split.js';
import type { LoadOptions } from './types.js';

/** Checks LoadOptions once, strictly, and reports every problem together (field: problem; fix). */
export function validateLoadOptions(options: LoadOptions): void {
  const problems: string[] = [];
  const need = (ok: boolean, message: string): void => {
    if (!ok) problems.push(message);
  };
  const whole = (value: number, min: number): boolean => Number.isInteger(value) && value >= min;
  const nonNegative = (value: number): boolean => Number.isFinite(value) && value >= 0;

  let url: URL | undefined;
  try {
    url = new URL(options.request.url);
  } catch {
    problems.push(`request.url: "${options.request.url}" is not a URL; write it like http://127.0.0.1:8080/path`);
  }
  if (url !== undefined) need(url.protocol === 'http:' || url.protocol === 'https:', `request.url: only http: and https: are supported, got ${url.protocol}`);
  need(/^[A-Z]+$/.test(options.request.method), `request.method: "${options.request.method}" must be an upper-case HTTP method such as GET or POST`);
  const model = options.model;
  if (model.kind === 'closed') {
    need(whole(model.users, 1), `model.users: must be a whole number of at least 1, got ${model.users}`);
    need(nonNegative(model.rampUpMs), `model.rampUpMs: must be 0 or more, got ${model.rampUpMs}`);
    need(nonNegative(model.thinkTimeMs), `model.thinkTimeMs: must be 0 or more, got ${model.thinkTimeMs}`);
  } else {
    need(nonNegative(model.rateRps), `model.rateRps: must be 0 or more, got ${model.rateRps}`);
    need(whole(model.maxInFlight, 1), `model.maxInFlight: must be a whole number of at least 1, got ${model.maxInFlight}`);
    (model.stages ?? []).forEach((stage, index) => {
      need(nonNegative(stage.durationMs), `model.stages[${index}].durationMs: must be 0 or more, got ${stage.durationMs}`);
      need(nonNegative(stage.targetRps), `model.stages[${index}].targetRps: must be 0 or more, got ${stage.targetRps}`);
    });
    need(peakRateRps(model) > 0, 'model: the open model needs a rate above 0 (rateRps or a stage target)');
  }
  need(nonNegative(options.warmupMs), `warmupMs: must be 0 or more, got ${options.warmupMs}`);
  need(Number.isFinite(options.durationMs) && options.durationMs > 0, `durationMs: must be more than 0, got ${options.durationMs}`);
  need(nonNegative(options.drainTimeoutMs), `drainTimeoutMs: must be 0 or more, got ${options.drainTimeoutMs}`);
  need(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0, `timeoutMs: must be more than 0, got ${options.timeoutMs}`);
  need(whole(options.workers, 0), `workers: must be a whole number (0 picks the default), got ${options.workers}`);
  if (options.maxRequests !== undefined) need(whole(options.maxRequests, 1), `maxRequests: must be a whole number of at least 1, got ${options.maxRequests}`);
  const statusClass = options.checks.statusClass;
  if (statusClass !== undefined) need(whole(statusClass, 1) && statusClass <= 5, `checks.statusClass: must be 1 to 5 (2 means 2xx), got ${statusClass}`);
  if (options.checks.echo === true) need(options.request.body !== undefined, 'checks.echo: needs a request body to compare the response with');
  if (problems.length > 0) {
    throw new GatebenchError('GB_INPUT_INVALID', `invalid load options:\n  ${problems.join('\n  ')}`);
  }
}
