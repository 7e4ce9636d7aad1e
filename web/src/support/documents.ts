import { graphql } from '../graphql/generated';

export const SupportMessageFragment = graphql(`
  fragment SupportMessage on Message {
    id
    sequence
    cursor
    role
    body
    internal
    clientMessageId
    createdAt
    citations {
      quote
      title
    }
    conversation {
      id
      status
      waitingForAgent
    }
  }
`);

export const MyConversationsQuery = graphql(`
  query MyConversations {
    conversations(first: 50) {
      edges {
        node {
          id
          subject
          status
          unreadCount
          updatedAt
        }
      }
    }
  }
`);

export const SupportConversationQuery = graphql(`
  query SupportConversation($id: ID!) {
    conversation(id: $id) {
      id
      subject
      status
      waitingForAgent
      agentReadUpTo
      messages(last: 100) {
        edges {
          node {
            ...SupportMessage
          }
        }
      }
    }
  }
`);

export const StartSupportConversationMutation = graphql(`
  mutation StartSupportConversation($input: StartConversationInput!) {
    startConversation(input: $input) {
      id
    }
  }
`);

export const SendSupportMessageMutation = graphql(`
  mutation SendSupportMessage($conversationId: ID!, $body: String!, $clientMessageId: String) {
    sendMessage(conversationId: $conversationId, body: $body, clientMessageId: $clientMessageId) {
      ...SupportMessage
    }
  }
`);

export const AskSupportAssistantMutation = graphql(`
  mutation AskSupportAssistant($conversationId: ID!, $question: String!) {
    askAssistant(conversationId: $conversationId, question: $question) {
      ...SupportMessage
    }
  }
`);

export const RequestAgentMutation = graphql(`
  mutation RequestAgent($conversationId: ID!) {
    requestAgent(conversationId: $conversationId) {
      id
      waitingForAgent
    }
  }
`);

/** From `after` (the cursor of the last message loaded) on: what was missed is replayed, then live. */
export const SupportMessagesSubscription = graphql(`
  subscription SupportMessages($conversationId: ID!, $after: String) {
    messageAdded(conversationId: $conversationId, after: $after) {
      ...SupportMessage
    }
  }
`);

export const InboxQuery = graphql(`
  query Inbox($status: ConversationStatus) {
    conversations(first: 50, filter: { status: $status }) {
      totalCount
      edges {
        node {
          id
          subject
          status
          unreadCount
          waitingForAgent
          updatedAt
          assignee {
            id
          }
        }
      }
    }
  }
`);

export const SendAgentMessageMutation = graphql(`
  mutation SendAgentMessage($conversationId: ID!, $body: String!, $clientMessageId: String, $internal: Boolean) {
    sendMessage(conversationId: $conversationId, body: $body, clientMessageId: $clientMessageId, internal: $internal) {
      ...SupportMessage
    }
  }
`);

export const SetConversationStatusMutation = graphql(`
  mutation SetConversationStatus($conversationId: ID!, $status: ConversationStatus!) {
    setConversationStatus(conversationId: $conversationId, status: $status) {
      id
      status
    }
  }
`);

export const AssignConversationMutation = graphql(`
  mutation AssignConversation($conversationId: ID!, $agentId: ID) {
    assignConversation(conversationId: $conversationId, agentId: $agentId) {
      id
      assignee {
        id
      }
      waitingForAgent
    }
  }
`);

export const MarkReadMutation = graphql(`
  mutation MarkRead($conversationId: ID!, $upTo: Int!) {
    markRead(conversationId: $conversationId, upTo: $upTo) {
      id
      unreadCount
    }
  }
`);
