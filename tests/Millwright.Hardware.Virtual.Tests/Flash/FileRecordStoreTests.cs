using Millwright.Firmware.Outbox;
using Millwright.Hardware.Virtual.Flash;
using Millwright.Hardware.Virtual.Tests.Infrastructure;

namespace Millwright.Hardware.Virtual.Tests.Flash;

/// <summary>The virtual flash keeps the promises of IRecordStore, and the firmware's outbox runs on it across "reboots".</summary>
public sealed class FileRecordStoreTests
{
    [Fact]
    public void Appends_read_back_and_survive_a_new_store_on_the_same_directory()
    {
        using var directory = new TemporaryDirectory();
        var store = new FileRecordStore(directory.Path, 1 << 20, syncWrites: true);
        store.Append("outbox-00", [1, 2, 3], 0, 3);
        store.Append("outbox-00", [9, 4, 5, 9], 1, 2);

        var reopened = new FileRecordStore(directory.Path, 1 << 20, syncWrites: true);
        byte[] buffer = new byte[10];
        Assert.Equal(5, reopened.Length("outbox-00"));
        Assert.Equal(3, reopened.Read("outbox-00", 2, buffer, 1, 9));
        Assert.Equal(new byte[] { 0, 3, 4, 5 }, buffer[..4]);
        Assert.Equal(-1, reopened.Length("none"));
        Assert.Throws<FileNotFoundException>(() => reopened.Read("none", 0, buffer, 0, 1));
    }

    [Fact]
    public void Replace_swaps_the_whole_file_and_leaves_no_temporary_file_in_listings()
    {
        using var directory = new TemporaryDirectory();
        var store = new FileRecordStore(directory.Path, 1 << 20, syncWrites: true);
        store.Replace("settings", [1, 1, 1, 1], 0, 4);
        store.Replace("settings", [2, 2], 0, 2);

        byte[] buffer = new byte[4];
        Assert.Equal(2, store.Read("settings", 0, buffer, 0, 4));
        Assert.Equal(new byte[] { 2, 2 }, buffer[..2]);
        Assert.Equal(["settings"], store.List("set"));
        Assert.Empty(store.List("outbox-"));
    }

    [Fact]
    public void A_replace_cut_before_its_rename_leaves_the_old_content()
    {
        using var directory = new TemporaryDirectory();
        var store = new FileRecordStore(directory.Path, 1 << 20, syncWrites: false);
        store.Replace("sequence", [7, 7], 0, 2);
        // What a kill between the temporary file's write and the rename leaves.
        File.WriteAllBytes(Path.Combine(directory.Path, ".tmp", "sequence"), [8]);

        var reopened = new FileRecordStore(directory.Path, 1 << 20, syncWrites: false);

        Assert.Equal(2, reopened.Length("sequence"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(directory.Path, ".tmp")));
    }

    [Fact]
    public void Files_are_owner_only_and_names_cannot_leave_the_drive()
    {
        using var directory = new TemporaryDirectory();
        var store = new FileRecordStore(directory.Path, 1 << 20, syncWrites: false);
        store.Append("device-secret", [1], 0, 1);
        store.Replace("settings", [1], 0, 1);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory.Path, "device-secret")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory.Path, "settings")));
        Assert.Throws<IOException>(() => store.Append("../escape", [1], 0, 1));
        Assert.Throws<IOException>(() => store.Exists(".tmp"));
        Assert.True(store.FreeBytes <= (1 << 20) - 2);
    }

    [Fact]
    public void The_firmware_outbox_recovers_its_records_from_the_directory()
    {
        using var directory = new TemporaryDirectory();
        var outbox = new OutboxLog(new FileRecordStore(directory.Path, 1 << 20, syncWrites: false), new OutboxOptions());
        byte[] record = new byte[100];
        for (ulong sequence = 1; sequence <= 50; sequence++)
        {
            record[0] = (byte)sequence;
            outbox.Append(sequence, record, 0, record.Length);
        }

        outbox.Acknowledge(20);

        var recovered = new OutboxLog(new FileRecordStore(directory.Path, 1 << 20, syncWrites: false), new OutboxOptions());
        Assert.Equal(50UL, recovered.LastSequence);
        byte[] buffer = new byte[200];
        Assert.Equal(100, recovered.ReadAfter(recovered.AckedSequence, buffer, 0, out ulong next));
        Assert.InRange(next, 1UL, 21UL);
        Assert.Equal((byte)next, buffer[0]);
    }
}
