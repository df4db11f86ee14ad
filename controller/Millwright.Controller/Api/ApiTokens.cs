using System.Security.Cryptography;
using System.Text;
using Millwright.Controller.Storage;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Api;

/// <summary>
/// The API's bearer token: 32 random bytes (base64url, prefixed "mwt_"), created at first start and shown once;
/// only its SHA-256 is stored (through <see cref="IControllerStore"/>), and presented tokens are compared by hash in
/// constant time. Rotating replaces it at once: the old token stops working.
/// </summary>
public sealed class ApiTokens(IControllerStore store, TimeProvider time)
{
    private const string Prefix = "mwt_";

    /// <summary>Creates the first token unless one exists; returns it (to show once) when this call created it.</summary>
    public async Task<string?> EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (await store.GetActiveApiTokenAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return null;
        }

        string token = NewToken();
        return await store.TryCreateApiTokenAsync(Hash(token), time.GetUtcNow(), cancellationToken).ConfigureAwait(false) ? token : null;
    }

    public async Task<bool> IsValidAsync(string presented, CancellationToken cancellationToken)
    {
        ApiTokenRecord? active = await store.GetActiveApiTokenAsync(cancellationToken).ConfigureAwait(false);
        return active is not null && CryptographicOperations.FixedTimeEquals(Hash(presented), active.TokenHash);
    }

    /// <summary>Makes a new token the only valid one and returns it (shown once).</summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        string token = NewToken();
        await store.RotateApiTokenAsync(Hash(token), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return token;
    }

    internal static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string NewToken() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
