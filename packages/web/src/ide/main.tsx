// The query IDE the server serves at /graphql to browsers: GraphiQL, bundled with the app's build
// so it works with no internet (Apollo's landing page loads its sandbox from a CDN).
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import './ide.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { patchAccessibility } from './accessibility';
import { createIdeFetcher } from './fetcher';

const endpoint = new URL('/graphql', window.location.href).toString();

const defaultQuery = `# Dateline's GraphQL API. Docs: the book icon on the left.
# Reads need no key. For writes, put in Headers below:
#   { "Authorization": "Bearer <your API key>" }
# Subscriptions run over WebSocket, with the same headers: try
#   subscription { articleCreated { headline } }
{
  articles(first: 5) {
    totalCount
    nodes {
      headline
      publishedAt
      quotes(direct: true) {
        nodes {
          text
          speaker {
            name
          }
          channel
          via {
            name
          }
        }
      }
    }
  }
}
`;

const fetcher = createIdeFetcher(endpoint);

const root = document.getElementById('ide');
if (!root) throw new Error('The IDE page has no #ide element.');
patchAccessibility(root);
createRoot(root).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={defaultQuery}
      isHeadersEditorEnabled
      defaultEditorToolsVisibility="headers"
      shouldPersistHeaders={false}
    />
  </StrictMode>,
);
