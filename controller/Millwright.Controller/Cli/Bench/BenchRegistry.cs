using System.Security.Cryptography;
using Millwright.Controller.Devices;
using Millwright.Controller.Storage.Sqlite;
using Millwright.Protocol.Keys;

namespace Millwright.Controller.Cli.Bench;

/// <summary>The bench's devices: generated ids and secrets, registered once in a template database that every
/// scenario with that many devices copies (so each starts with an empty frame log).</summary>
internal static class BenchRegistry
{
    internal static List<FleetMember> Members(int count) =>
        Enumerable.Range(1, count).Select(i => new FleetMember($"dev-{i:00000}", RandomNumberGenerator.GetBytes(KeyDerivation.SecretSize))).ToList();

    internal static async Task RegisterAsync(string dataDirectory, IReadOnlyList<FleetMember> members, CancellationToken cancellationToken)
    {
        await using (var store = new SqliteControllerStore(new SqliteStoreOptions(dataDirectory), TimeProvider.System))
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            var registry = new DeviceRegistry(store, TimeProvider.System);
            foreach (FleetMember member in members)
            {
                await registry.AddAsync(member.DeviceId, member.Secret, cancellationToken).ConfigureAwait(false);
            }
        }

        // Closing every pooled connection checkpoints the WAL into the database file, which is then copied.
        SqliteConnectionFactory.ClearPools();
    }
}
