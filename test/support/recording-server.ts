/** A local HTTP stand-in for an outside service (the fake OpenAI server, the webhook receiver): where it listens and what it was sent. */
export interface RecordingServer<TRequest> {
  url: string;
  /** Every request received, oldest first. */
  requests: TRequest[];
  close(): Promise<void>;
}
