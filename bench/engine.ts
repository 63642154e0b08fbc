// Placeholder until the engine bench lands.
export async function runEngineBench(): Promise<void> {
  console.log('not implemented yet');
}
