import { AskPanel } from './AskPanel';

/** Customers (and visitors): questions about shipping, returns, warranties and products, answered from the shop's public documents. */
export function HelpPage() {
  return (
    <div className="page help-page">
      <h1>Help</h1>
      <p>Ask about delivery, returns, warranties or a product. Answers come from the shop's own policies and product sheets, with the passages they rest on.</p>
      <AskPanel title="Ask the shop" placeholder="Can I return something after two weeks?" />
    </div>
  );
}
