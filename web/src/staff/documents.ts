import { graphql } from '../graphql/generated';

export const UserListQuery = graphql(`
  query UserList($first: Int, $after: String) {
    users(first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PagerPageInfo
      }
      edges {
        cursor
        node {
          id
          email
          name
          role
          createdAt
        }
      }
    }
  }
`);

export const SetUserRoleMutation = graphql(`
  mutation SetUserRole($userId: ID!, $role: Role!) {
    setUserRole(userId: $userId, role: $role) {
      id
      role
    }
  }
`);
