namespace Millwright.Controller.Ingest;

/// <summary>A received message after verification: accepted (a frame or gap record to store, a status, a command
/// result) or rejected with a quarantine entry.</summary>
public abstract record IngestItem(ReceivedMessage Message);
