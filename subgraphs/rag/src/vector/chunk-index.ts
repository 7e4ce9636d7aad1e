import type { PrismaClient } from '@bodega/db';
import { Topic, type ChunkIndexChangedEvent, type EventBus, type Unsubscribe } from '@bodega/events';
import type { Logger } from '@bodega/logger';
import { Index, MetricKind, ScalarKind } from 'usearch';
import { bytesToVector } from './encoding';

export interface ChunkIndexOptions {
  /** Only chunks embedded by this model are comparable with the queries: the provider's `embeddingModel`. */
  embeddingModel: string;
  /** Rebuilt from Postgres when removed entries pass this share of the index. @default 0.2 */
  rebuildRatio?: number;
  /** HNSW links per node. @default 16 */
  connectivity?: number;
  /** HNSW breadth while searching (higher: better recall, slower). @default 64 */
  expansionSearch?: number;
  /** Vectors added per native call while building; the event loop runs between calls. @default 512 */
  buildBatch?: number;
}

export interface Neighbour {
  chunkId: bigint;
  /** Cosine similarity, -1..1. */
  similarity: number;
}

interface IndexDeps {
  prisma: PrismaClient;
  events: EventBus;
  log: Logger;
}

interface Row {
  id: bigint;
  embedding: Uint8Array;
}

const PAGE = 5_000;

/**
 * A usearch HNSW index over every embedded chunk in Postgres (which stays the source of truth):
 * built at start, kept current from ChunkIndexChanged events (so every replica sees every change),
 * rebuilt when removals pass `rebuildRatio` of it (HNSW leaves removed nodes behind). It may hold
 * chunks that are not searchable (a version still in flight, a chunk removed moments ago):
 * searchers check what they get against Postgres.
 */
export class ChunkIndex {
  private live: VectorStore;
  private removedSinceBuild = 0;
  private rebuilding: Promise<void> | null = null;
  /** Changes seen while a rebuild reads Postgres, replayed onto the new index. */
  private pendingChanges: Array<(store: VectorStore) => Promise<void>> | null = null;
  private unsubscribe: Unsubscribe | undefined;
  private readonly log: Logger;
  readonly embeddingModel: string;
  /** The last build: vectors, total time and the part of it spent reading Postgres. */
  lastBuild: { size: number; ms: number; readMs: number } | null = null;

  constructor(
    private readonly deps: IndexDeps,
    private readonly options: ChunkIndexOptions,
  ) {
    this.embeddingModel = options.embeddingModel;
    this.log = deps.log.child({ component: 'chunk-index' });
    this.live = this.newStore();
  }

  /** Subscribes to changes, then builds from Postgres (changes during the build are replayed). */
  async start(): Promise<this> {
    this.unsubscribe = await this.deps.events.subscribe(Topic.ChunkIndexChanged, (event) => {
      this.apply(event).catch((err: unknown) => this.log.error({ err, event: event.kind }, 'vector index change not applied'));
    });
    // Nothing is served before the first build: it may use every core.
    await this.rebuild({ threads: 0 });
    return this;
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.rebuilding?.catch(() => undefined);
  }

  get size(): number {
    return this.live.size;
  }

  /** Removals since the last build: the index is rebuilt when they pass `rebuildRatio` of it. */
  get removed(): number {
    return this.removedSinceBuild;
  }

  /** True while a rebuild is reading Postgres (the previous index keeps answering). */
  get isRebuilding(): boolean {
    return this.rebuilding !== null;
  }

  /** The `k` nearest chunks by cosine similarity, best first. */
  search(vector: readonly number[] | Float32Array, k: number): Neighbour[] {
    return this.live.search(vector, k);
  }

  /** Adds the embedded chunks of one version (read from Postgres); chunks already in are skipped. */
  async addVersion(documentId: string, version: number): Promise<number> {
    const load = () => this.deps.prisma.$queryRaw<Row[]>`
      SELECT c.id, c.embedding FROM rag.chunks c
      JOIN rag.document_versions v ON v.document_id = c.document_id AND v.version = c.version
      WHERE c.document_id = ${documentId}::uuid AND c.version = ${version} AND c.embedding IS NOT NULL
        AND v.embedding_model = ${this.embeddingModel}`;
    this.pendingChanges?.push(async (store) => {
      await store.add(await load(), this.options.buildBatch);
    });
    return this.live.add(await load(), this.options.buildBatch);
  }

  /** Removes chunks; past `rebuildRatio` of the index, starts a rebuild. */
  remove(chunkIds: readonly bigint[]): void {
    this.pendingChanges?.push(async (store) => {
      store.remove(chunkIds);
    });
    this.removedSinceBuild += this.live.remove(chunkIds);
    const ratio = this.options.rebuildRatio ?? 0.2;
    if (!this.rebuilding && this.removedSinceBuild > 0 && this.removedSinceBuild > ratio * (this.live.size + this.removedSinceBuild)) {
      this.log.info({ size: this.live.size, removed: this.removedSinceBuild }, 'rebuilding the vector index: removed entries passed the limit');
      void this.rebuild().catch((err: unknown) => this.log.error({ err }, 'vector index rebuild failed; the old index stays in use'));
    }
  }

  /**
   * Builds a new index from Postgres, page by page, while the current one keeps answering; changes
   * that arrive meanwhile are replayed onto the new one before it replaces the old.
   */
  rebuild(options: { threads?: number } = {}): Promise<void> {
    this.rebuilding ??= this.build(options.threads ?? 1).finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  /** `threads`: for usearch's adds (0: every core); a rebuild while serving leaves the other cores to requests. */
  private async build(threads: number): Promise<void> {
    const started = performance.now();
    this.pendingChanges = [];
    const store = this.newStore();
    let readMs = 0;
    try {
      let after = -1n;
      for (;;) {
        const reading = performance.now();
        const rows = await this.deps.prisma.$queryRaw<Row[]>`
          SELECT c.id, c.embedding FROM rag.chunks c
          JOIN rag.document_versions v ON v.document_id = c.document_id AND v.version = c.version
          WHERE c.id > ${after} AND c.embedding IS NOT NULL AND v.embedding_model = ${this.embeddingModel}
          ORDER BY c.id LIMIT ${PAGE}`;
        readMs += performance.now() - reading;
        await store.add(rows, this.options.buildBatch, { unchecked: true, threads });
        if (rows.length < PAGE) break;
        after = rows[rows.length - 1]!.id;
      }
      // Replayed in arrival order; new changes keep queueing until the swap.
      while (this.pendingChanges.length > 0) await this.pendingChanges.shift()!(store);
    } finally {
      this.pendingChanges = null;
    }
    this.live = store;
    this.removedSinceBuild = 0;
    const ms = Math.round(performance.now() - started);
    this.lastBuild = { size: store.size, ms, readMs: Math.round(readMs) };
    this.log.info(this.lastBuild, 'vector index built from Postgres');
  }

  private async apply(event: ChunkIndexChangedEvent): Promise<void> {
    if (event.kind === 'ADDED') await this.addVersion(event.documentId, event.version);
    else this.remove(event.chunkIds.map((id) => BigInt(id)));
  }

  private newStore(): VectorStore {
    return new VectorStore({ connectivity: this.options.connectivity ?? 16, expansionSearch: this.options.expansionSearch ?? 64 });
  }
}

/** One usearch index, created at the first vector (its length sets the dimensions). */
class VectorStore {
  private index: Index | null = null;
  private dimensions: number | null = null;

  constructor(private readonly shape: { connectivity: number; expansionSearch: number }) {}

  get size(): number {
    return this.index?.size() ?? 0;
  }

  search(vector: readonly number[] | Float32Array, k: number): Neighbour[] {
    const index = this.index;
    if (!index || index.size() === 0 || vector.length !== this.dimensions || k <= 0) return [];
    const matches = index.search(Float32Array.from(vector), Math.min(k, index.size()), 1);
    const neighbours: Neighbour[] = [];
    for (let i = 0; i < matches.keys.length; i++) neighbours.push({ chunkId: matches.keys[i]!, similarity: 1 - matches.distances[i]! });
    return neighbours;
  }

  /** Adds rows in native batches, yielding to the event loop between them. `unchecked`: the caller knows none is in yet. */
  async add(rows: readonly Row[], batch = 512, options: { unchecked?: boolean; threads?: number } = {}): Promise<number> {
    let added = 0;
    for (let from = 0; from < rows.length; from += batch) {
      const slice = rows.slice(from, from + batch);
      const vectors = slice.map((row) => bytesToVector(row.embedding));
      const dimensions = vectors[0]?.length;
      if (!dimensions) continue;
      const index = this.ensureIndex(dimensions);
      const keys: bigint[] = [];
      const matrix = new Float32Array(slice.length * dimensions);
      slice.forEach((row, i) => {
        const vector = vectors[i]!;
        if (vector.length !== dimensions || (!options.unchecked && index.contains(row.id))) return;
        matrix.set(vector, keys.length * dimensions);
        keys.push(row.id);
      });
      if (keys.length === 0) continue;
      index.add(BigUint64Array.from(keys), matrix.subarray(0, keys.length * dimensions), options.threads ?? 1);
      added += keys.length;
      // Adding is native and synchronous: let requests through between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return added;
  }

  /** How many of `ids` were in the index (and are now removed). */
  remove(ids: readonly bigint[]): number {
    const index = this.index;
    if (!index) return 0;
    let removed = 0;
    for (const id of ids) {
      if (index.contains(id)) {
        index.remove(id);
        removed += 1;
      }
    }
    return removed;
  }

  private ensureIndex(dimensions: number): Index {
    if (this.index) {
      if (this.dimensions !== dimensions) throw new Error(`Vectors of ${dimensions} dimensions do not fit an index of ${this.dimensions}.`);
      return this.index;
    }
    this.dimensions = dimensions;
    this.index = new Index({
      dimensions,
      metric: MetricKind.Cos,
      // Half precision: a fraction of f32's build and search time with this binary, half the memory, same neighbours.
      quantization: ScalarKind.F16,
      connectivity: this.shape.connectivity,
      expansion_add: 40,
      expansion_search: this.shape.expansionSearch,
      multi: false,
    });
    return this.index;
  }
}
