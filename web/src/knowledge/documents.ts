import { graphql } from '../graphql/generated';

/** What the Knowledge base screen shows of a document: the list row and its live progress. */
export const KnowledgeDocumentFragment = graphql(`
  fragment KnowledgeDocument on Document {
    id
    title
    mimeType
    visibility
    version
    status
    stage
    progress
    chunkCount
    failureReason
    updatedAt
  }
`);

export const KnowledgeDocumentsQuery = graphql(`
  query KnowledgeDocuments($first: Int, $after: String, $filter: DocumentFilter) {
    documents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        ...PagerPageInfo
      }
      edges {
        cursor
        node {
          id
          ...KnowledgeDocument
        }
      }
    }
  }
`);

export const IngestKnowledgeDocumentMutation = graphql(`
  mutation IngestKnowledgeDocument($input: IngestDocumentInput!) {
    ingestDocument(input: $input) {
      id
      ...KnowledgeDocument
    }
  }
`);

export const DeleteKnowledgeDocumentMutation = graphql(`
  mutation DeleteKnowledgeDocument($id: ID!) {
    deleteDocument(id: $id)
  }
`);

/** One document's ingest as it moves: the state now, then every step. */
export const DocumentProgressSubscription = graphql(`
  subscription DocumentProgress($id: ID!) {
    documentStatusChanged(id: $id) {
      id
      status
      stage
      progress
      chunkCount
      failureReason
    }
  }
`);

export const KnowledgeSearchQuery = graphql(`
  query KnowledgeSearch($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      score
      chunk {
        id
        text
        headingPath
        document {
          id
          title
        }
      }
    }
  }
`);

/** An answer with its checked quotes; shared by staff's Ask box and the shop's Help page. */
export const AskQuery = graphql(`
  query Ask($question: String!) {
    answer(question: $question) {
      text
      grounded
      citations {
        quote
        chunk {
          id
        }
        document {
          id
          title
        }
      }
    }
  }
`);

export const KnowledgeDocumentQuery = graphql(`
  query KnowledgeDocumentView($id: ID!) {
    document(id: $id) {
      id
      title
      visibility
      status
      chunkCount
      updatedAt
      chunks(first: 200) {
        edges {
          node {
            id
            ordinal
            text
            headingPath
          }
        }
      }
    }
  }
`);

export const DOCUMENT_LIST_CONTEXT = { additionalTypenames: ['Document'] };
