/**
 * The document GraphiQL opens with: a gallery of the demo catalog, as a frontend would build one, a
 * repository's images newest first, and an image card with its platforms from the registry. Each
 * operation stays well inside the query cost limit.
 */
export const exampleQuery = `# Welcome to the ECR Public GraphQL gateway.
# Three operations below: pick one from the run button's menu.
#   Gallery       - repositories as cards: Gallery text, logo, platforms, latest image
#   NewestImages  - one repository's images, newest first; page on by copying
#                   pageInfo.endCursor into the "after" variable
#   ImageCard     - a gallery card with platforms: what the newest image runs on,
#                   each platform's pull size, and its signatures (the registry API)
#   Changes       - a live stream (SSE) of one repository's pushes and tag moves;
#                   silent until something changes (WATCH_INTERVAL_MS)
# Open "Docs" for every field and what it costs.

query Gallery {
  registry {
    displayName
    registryUri
    verified
  }
  repositories(first: 12) {
    edges {
      node {
        repositoryName
        repositoryUri
        catalogData {
          description
          logoUrl
          architectures
          operatingSystems
        }
        latestImage {
          imageTags
          imagePushedAt
          imageSizeInBytes
          pullReferences
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}

query NewestImages($after: String) {
  repository(name: "platform/ci-runner") {
    repositoryName
    catalogData {
      description
    }
    images(first: 10, after: $after, orderBy: { field: PUSHED_AT, direction: DESC }) {
      edges {
        node {
          imageTags
          imagePushedAt
          imageSizeInBytes
          pullReferences
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}

query ImageCard {
  repository(name: "platform/base-images/node") {
    repositoryUri
    catalogData {
      description
      logoUrl
    }
    latestImage {
      imageTags
      imagePushedAt
      pullReferences
      platforms {
        os
        architecture
        variant
        osVersion
        sizeInBytes
      }
      manifest {
        mediaType
        referrers {
          artifactType
        }
      }
    }
  }
}

subscription Changes {
  repositoryChanged(repositoryName: "platform/ci-runner") {
    kind
    tag
    imageDigest
    previousImageDigest
    detectedAt
    image {
      imageTags
      imagePushedAt
    }
  }
}
`;
