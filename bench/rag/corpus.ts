import { faker } from '@faker-js/faker';
import { lexicalEmbedding, LOCAL_EMBEDDING_DIMENSIONS } from '@bodega/ai';
import { Prisma, type PrismaClient } from '@bodega/db';
import { vectorToBytes } from '@bodega/rag/src/vector/encoding';

/** A shop-like paragraph: a policy or product sentence among Faker's product words. */
export function shopParagraph(): string {
  const product = faker.commerce.productName();
  const sentences = [
    `The ${product} ships in ${faker.number.int({ min: 1, max: 9 })} working days and costs €${faker.commerce.price()}.`,
    `${faker.commerce.productDescription()}`,
    `Customers who buy the ${faker.commerce.product().toLowerCase()} can return it within ${faker.helpers.arrayElement([14, 30, 60])} days if it is ${faker.word.adjective()}.`,
    `Our ${faker.word.adjective()} ${faker.word.noun()} ${faker.word.verb()}s the ${faker.word.noun()} ${faker.word.adverb()}.`,
    `Warranty: ${faker.number.int({ min: 1, max: 5 })} years against ${faker.word.adjective()} ${faker.word.noun()} defects in the ${faker.commerce.productMaterial().toLowerCase()}.`,
  ];
  return faker.helpers.arrayElements(sentences, { min: 3, max: 5 }).join(' ');
}

/**
 * Writes `chunks` READY chunks straight into Postgres (documents of `perDocument` chunks, embedded
 * with the local provider's embedding), bypassing the ingest worker: how the search and rebuild
 * benches get 100,000 chunks in a minute or two.
 */
export async function bulkLoadChunks(prisma: PrismaClient, chunks: number, perDocument: number, embeddingModel: string): Promise<void> {
  faker.seed(1404);
  for (let made = 0, doc = 0; made < chunks; doc++) {
    const count = Math.min(perDocument, chunks - made);
    const id = faker.string.uuid();
    const title = `${faker.commerce.productName()} guide ${doc}`;
    const texts = Array.from({ length: count }, () => shopParagraph());
    const content = texts.join('\n\n');
    await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO rag.documents (id, title, title_key, current_version, latest_version, updated_at)
        VALUES (${id}::uuid, ${title}, ${title.toLowerCase()}, 1, 1, now())`;
      await tx.$executeRaw`INSERT INTO rag.document_versions (document_id, version, mime_type, content, content_hash, status, progress, chunk_count, embedding_model, updated_at, ready_at)
        VALUES (${id}::uuid, 1, 'text/plain', ${content}, ${faker.string.hexadecimal({ length: 64, prefix: '' })}, 'READY', 1, ${count}, ${embeddingModel}, now(), now())`;
      let offset = 0;
      const rows = texts.map((text, ordinal) => {
        const start = offset;
        offset += text.length + 2;
        const vector = vectorToBytes(lexicalEmbedding(`${title}\n\n${text}`, LOCAL_EMBEDDING_DIMENSIONS));
        return Prisma.sql`(${id}::uuid, 1, ${ordinal}, ${text}, '{}'::text[], ${title}, ${start}, ${start + text.length}, ${Math.ceil(text.length / 5)}, ${vector})`;
      });
      await tx.$executeRaw`INSERT INTO rag.chunks (document_id, version, ordinal, text, heading_path, context, start_offset, end_offset, token_count, embedding)
        VALUES ${Prisma.join(rows)}`;
    });
    made += count;
  }
  await prisma.$executeRaw`ANALYZE rag.chunks`;
}
