/**
 * @jest-environment node
 */
import { apiSchemaOf, armor, composeSupergraph, SUBGRAPHS } from '@bodega/gateway';
import { formatDocument } from '@urql/core';
import { Kind, specifiedRules, validate, type DocumentNode } from 'graphql';
import * as generated from './generated/graphql';

const documents = Object.entries(generated).filter(
  (entry): entry is [string, DocumentNode] => entry[0].endsWith('Document') && (entry[1] as DocumentNode)?.kind === Kind.DOCUMENT,
);

describe("the web app's GraphQL documents", () => {
  const schema = apiSchemaOf(composeSupergraph(SUBGRAPHS));

  it('are all found', () => {
    expect(documents.length).toBeGreaterThan(15);
  });

  // As urql sends them: with __typename in every selection set, which the cost limit counts too.
  it.each(documents)("%s validates against the gateway's schema within its depth and cost limits", (_name, document) => {
    // A fresh set of armor's rules per document: they keep state between validations.
    const rules = [...specifiedRules, ...armor().validationRules];
    expect(validate(schema, formatDocument(document), rules).map((error) => error.message)).toEqual([]);
  });
});
