export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __stepwiseEmbedded?: { stop(): Promise<void> } }).__stepwiseEmbedded?.stop();
}
