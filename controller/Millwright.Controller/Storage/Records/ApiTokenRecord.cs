namespace Millwright.Controller.Storage.Records;

/// <summary>The stored form of an API bearer token: only its hash (the caller chooses the hash, e.g. SHA-256 of the
/// token's bytes, and compares in constant time).</summary>
public sealed record ApiTokenRecord(long Id, byte[] TokenHash, DateTimeOffset CreatedAt);
