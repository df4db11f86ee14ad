using Millwright.Hardware.Virtual.Flash;
using Millwright.Hardware.Virtual.Tests.Infrastructure;

namespace Millwright.Hardware.Virtual.Tests.Flash;

public sealed class FileKeyStoreTests
{
    [Fact]
    public void The_secret_round_trips_a_damaged_record_reads_as_none_and_erase_removes_it()
    {
        using var directory = new TemporaryDirectory();
        var store = new FileRecordStore(directory.Path, 1 << 20, syncWrites: false);
        var keys = new FileKeyStore(store);
        byte[] secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        Assert.False(keys.HasSecret);

        keys.WriteSecret(secret);
        Assert.Equal(secret, new FileKeyStore(new FileRecordStore(directory.Path, 1 << 20, false)).ReadSecret());

        string path = Path.Combine(directory.Path, FileKeyStore.FileName);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[10] ^= 1;
        File.WriteAllBytes(path, bytes);
        Assert.Null(keys.ReadSecret());

        keys.Erase();
        Assert.False(store.Exists(FileKeyStore.FileName));
    }
}
