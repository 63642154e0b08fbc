// Placeholder until the backend bench lands.
export async function runBackendBench(): Promise<void> {
  console.log('not implemented yet');
}
