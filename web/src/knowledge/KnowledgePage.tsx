import { AskPanel } from './AskPanel';
import { DocumentList } from './DocumentList';
import { IngestForm } from './IngestForm';
import { SearchPanel } from './SearchPanel';

/** Staff: the shop's knowledge base: add documents, watch them ingest, search them and ask them. */
export function KnowledgePage() {
  return (
    <div className="page knowledge-page">
      <h1>Knowledge base</h1>
      <div className="columns">
        <IngestForm />
        <div>
          <SearchPanel />
          <AskPanel title="Ask" placeholder="How long do refunds take?" />
        </div>
      </div>
      <DocumentList />
    </div>
  );
}
