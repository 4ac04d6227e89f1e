/** The query GraphiQL opens with: a first look at the demo catalog that shows paging and lookups. */
export const exampleQuery = `# Welcome to the ECR Public GraphQL gateway.
# Press the run button. Then page on: copy pageInfo.endCursor into "after".

query FirstLook {
  repositories(first: 5) {
    edges {
      node {
        repositoryName
        repositoryUri
        createdAt
        images(first: 3) {
          edges {
            cursor
            node {
              imageDigest
              imageTags
              imageSizeInBytes
              imagePushedAt
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`;
