// Newsroom: an example app on Dateline's SDK. The SDK's TypedDocumentNodes go through urql, so
// every query's data and variables are typed with no codegen of the app's own.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './app';
import { createNewsroomClient } from './client';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <Provider value={createNewsroomClient()}>
      <App />
    </Provider>
  </StrictMode>,
);
