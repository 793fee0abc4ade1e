/**
 * Bundled in place of `@smithy/core/event-streams` (see `cdk/bundle.ts`). The logging-configuration
 * operations have no event streams; the protocol code loads this module with a dynamic `import()`
 * only for operations that do, and that dynamic import would otherwise keep the whole SDK from
 * being tree-shaken.
 */
export class EventStreamSerde {
  constructor() {
    throw new Error('no event-stream support in this bundle');
  }
}

export function eventStreamSerdeProvider(): never {
  throw new Error('no event-stream support in this bundle');
}
