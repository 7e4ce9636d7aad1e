import { cosineSimilarity, createLocalProvider, localEmbedding, LOCAL_EMBEDDING_DIMENSIONS } from '../src';

describe('local embeddings', () => {
  it('gives the same text the same unit-length vector, every time', async () => {
    const provider = createLocalProvider();
    const [a, b] = await provider.embed(['Orthopaedic dog bed', 'Orthopaedic dog bed']);

    expect(a).toHaveLength(LOCAL_EMBEDDING_DIMENSIONS);
    expect(a).toEqual(b);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 10);
    // Pinned: a change to the hashing would silently invalidate every stored vector.
    expect(localEmbedding('Orthopaedic dog bed')[1]).toBeCloseTo(-0.4681646, 6);
  });

  it('puts texts about the same thing closer than texts about different things', () => {
    const bed = localEmbedding('Memory foam dog bed, large');
    const beds = localEmbedding('Large dog beds with memory foam');
    const kettle = localEmbedding('Stainless steel electric kettle');

    expect(cosineSimilarity(bed, beds)).toBeGreaterThan(0.6);
    expect(cosineSimilarity(bed, kettle)).toBeLessThan(0.2);
  });

  it('is the zero vector for a text without words', () => {
    expect(localEmbedding('  ').every((value) => value === 0)).toBe(true);
  });
});

describe('local provider', () => {
  it('refuses a task it does not know instead of answering something', async () => {
    const provider = createLocalProvider();

    await expect(
      provider.generate({ task: 'write-a-poem', system: '', prompt: '', input: {}, schema: { name: 'x', jsonSchema: {} } }),
    ).rejects.toMatchObject({ kind: 'unsupported' });
  });
});
