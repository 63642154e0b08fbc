// The package ships no types. Its output is prom2json's shape: one family per metric name, each sample's
// labels and value as strings (histograms and summaries carry buckets/quantiles, unused here).
declare module 'parse-prometheus-text-format' {
  interface PrometheusSample {
    labels?: Record<string, string>;
    value?: string;
    timestamp_ms?: string;
  }
  interface PrometheusFamily {
    name: string;
    help: string;
    type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
    metrics: PrometheusSample[];
  }
  function parsePrometheusTextFormat(text: string): PrometheusFamily[];
  export default parsePrometheusTextFormat;
}
