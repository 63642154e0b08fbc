import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { GatebenchError } from '../errors.js';
import { inputError } from './input-error.js';

/**
 * Reads a JMeter CSV result file (JTL), the format WSO2's performance-apim scripts save:
 *   timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,
 *   sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect
 * Columns are found by header name, so other saved-field selections work when the required ones are there.
 */
export interface JmeterSample {
  line: number;
  /** Epoch ms the sample started. */
  timeStamp: number;
  elapsedMs: number;
  label: string;
  responseCode: string;
  responseMessage: string;
  success: boolean;
  failureMessage: string;
  bytes: number;
  sentBytes: number;
  grpThreads: number;
  allThreads: number;
  url: string;
}

const REQUIRED = ['timeStamp', 'elapsed', 'label', 'responseCode', 'success'] as const;

/** Streams the samples; returns the header so callers can refuse to mix files of different layouts. */
export async function readJmeterCsv(file: string, onSample: (sample: JmeterSample) => void): Promise<{ header: string[]; samples: number }> {
  const parser = createReadStream(file).pipe(parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }));
  let header: string[] | undefined;
  let column: Record<string, number> = {};
  let samples = 0;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const fields = record.record;
      const line = record.info.lines;
      if (!header) {
        header = fields.map((field) => field.trim());
        column = Object.fromEntries(header.map((name, index) => [name, index]));
        const missing = REQUIRED.filter((name) => column[name] === undefined);
        if (missing.length > 0) {
          throw inputError(file, line, `the header lacks ${missing.join(', ')}: not a JMeter CSV result file with field names`, 'save results as CSV with jmeter.save.saveservice.print_field_names=true and timestamp_format=ms');
        }
        continue;
      }
      if (fields.length !== header.length) {
        throw inputError(file, line, `expected ${header.length} fields as in the header, found ${fields.length} (a truncated or corrupted line)`);
      }
      const text = (name: string): string => (column[name] === undefined ? '' : (fields[column[name]!] ?? ''));
      const number = (name: string, required: boolean): number => {
        const raw = text(name);
        if (raw === '' && !required) return 0;
        const value = Number(raw);
        if (raw === '' || !Number.isFinite(value)) {
          throw inputError(file, line, `${name} ${JSON.stringify(raw)} is not a number`, name === 'timeStamp' ? 'save timestamps as epoch milliseconds (jmeter.save.saveservice.timestamp_format=ms)' : undefined);
        }
        return value;
      };
      const success = text('success').toLowerCase();
      if (success !== 'true' && success !== 'false') throw inputError(file, line, `success ${JSON.stringify(text('success'))} is neither true nor false`);
      samples++;
      onSample({
        line,
        timeStamp: number('timeStamp', true),
        elapsedMs: number('elapsed', true),
        label: text('label'),
        responseCode: text('responseCode'),
        responseMessage: text('responseMessage'),
        success: success === 'true',
        failureMessage: text('failureMessage'),
        bytes: number('bytes', false),
        sentBytes: number('sentBytes', false),
        grpThreads: number('grpThreads', false),
        allThreads: number('allThreads', false),
        url: text('URL'),
      });
    }
  } catch (error) {
    if (error instanceof GatebenchError) throw error;
    const where = (error as { lines?: number }).lines;
    throw inputError(file, where ?? 0, `cannot parse CSV (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!header) throw inputError(file, 1, 'empty file: no header line');
  if (samples === 0) throw inputError(file, 2, 'no samples after the header');
  return { header, samples };
}

/** JMeter's outcome of one sample as a gatebench error kind, or undefined when it succeeded. */
export function jmeterErrorKind(sample: JmeterSample): string | undefined {
  if (sample.success) return undefined;
  const code = Number(sample.responseCode);
  if (Number.isInteger(code) && code >= 400) return `http_${code}`;
  // An HTTP answer JMeter marked failed (an assertion, e.g. on size): the check failed.
  if (Number.isInteger(code) && code >= 100) return 'check_failed';
  const text = `${sample.responseCode} ${sample.responseMessage} ${sample.failureMessage}`;
  if (/ConnectException|Connection refused/i.test(text)) return 'refused';
  if (/SocketTimeoutException|timed out/i.test(text)) return 'timeout';
  if (/reset/i.test(text)) return 'reset';
  if (/NoHttpResponseException|closed|EOF/i.test(text)) return 'closed';
  return 'other';
}
