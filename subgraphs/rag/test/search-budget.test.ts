import { faker } from '@faker-js/faker';
import { ingestDocument } from '../src/services/documents';
import { fullTextLeg, searchChunks } from '../src/services/search';
import { startRagHarness, type RagHarness } from './support';

faker.seed(1406);

describe("the full-text leg's work budget", () => {
  let h: RagHarness;
  const ids: string[] = [];
  beforeAll(async () => {
    // A budget of 2 matches makes a word in all 6 documents "too common to rank" here.
    h = await startRagHarness({ settings: { fullTextBudget: 2 } });
    for (let i = 0; i < 6; i++) {
      const document = await ingestDocument(h.staff, { title: `Parcel note ${i} ${faker.string.alphanumeric(5)}`, content: `Every parcel is ${faker.word.adjective()} and ${faker.word.adjective()}.` });
      ids.push(document.id);
    }
    await Promise.all(ids.map((id) => h.settled(id)));
  });
  afterAll(() => h.close());

  const chunkOf = async (documentId: string) => String((await h.prisma.chunk.findFirstOrThrow({ where: { documentId } })).id);

  it('ranks every match of a word while it is within the budget or when nothing narrows it', async () => {
    expect(await fullTextLeg(h.customer, 'parcel', 10)).toHaveLength(6);
  });

  it("ranks only the vector leg's candidates when even the rarest word matches more than the budget", async () => {
    const candidate = await chunkOf(ids[3]!);
    let asked = 0;
    const hits = await fullTextLeg(h.customer, 'parcel', 10, async () => {
      asked += 1;
      return [candidate];
    });
    expect(hits).toEqual([{ id: candidate }]);
    expect(asked).toBe(1);
  });

  it('does not wait for the vector leg when the words are within the budget', async () => {
    const rare = `${faker.string.alpha({ length: 9, casing: 'lower' })}`;
    const document = await ingestDocument(h.staff, { title: `Rare ${rare}`, content: `The ${rare} parcel is special.` });
    await h.settled(document.id);
    const within = jest.fn(async () => []);
    const hits = await fullTextLeg(h.customer, rare, 10, within);
    expect(hits.map((hit) => hit.id)).toEqual([await chunkOf(document.id)]);
    expect(within).not.toHaveBeenCalled();
  });

  it('still finds the documents through hybrid search', async () => {
    const hits = await searchChunks(h.customer, { query: 'parcel', first: 10 });
    expect(hits.length).toBeGreaterThanOrEqual(6);
  });
});
