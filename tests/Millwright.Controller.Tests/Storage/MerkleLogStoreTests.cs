using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;
using Millwright.Protocol.Merkle;

namespace Millwright.Controller.Tests.Storage;

/// <summary>
/// The frame log's Merkle tree as the store keeps it, against the protocol library's in-memory tree over the same
/// frames: every root, inclusion proof and consistency proof must be identical, across batches, duplicates, refused
/// batches and reopening.
/// </summary>
public sealed class MerkleLogStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Every_root_and_proof_of_every_past_size_matches_the_in_memory_tree()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a", "b");
        var random = new Random(7);
        long next = 1;
        while (next <= 45)
        {
            int count = random.Next(1, 8);
            List<FrameToStore> batch = [.. TestFrames.Range("a", next, next + count - 1)];
            batch.Add(TestFrames.Readings("b", next)); // interleaved device
            batch.Add(batch[0]); // a duplicate inside the batch is not a new leaf
            await temp.Store.StoreFramesAsync(batch, None);
            next += count;
        }

        MerkleTree expected = await InMemoryTreeAsync(temp);
        long size = await temp.Store.GetLogSizeAsync(None);
        Assert.Equal(await temp.Store.CountFramesAsync(None), size);
        Assert.Equal(expected.Size, size);
        for (long treeSize = 1; treeSize <= size; treeSize++)
        {
            Assert.Equal(expected.GetRoot(treeSize), await temp.Store.GetLogRootAsync(treeSize, None));
            for (long leaf = 0; leaf < treeSize; leaf++)
            {
                Assert.Equal(expected.GetInclusionProof(leaf, treeSize), await temp.Store.GetInclusionProofAsync(leaf, treeSize, None));
            }

            for (long oldSize = 1; oldSize <= treeSize; oldSize++)
            {
                Assert.Equal(expected.GetConsistencyProof(oldSize, treeSize), await temp.Store.GetConsistencyProofAsync(oldSize, treeSize, None));
            }
        }
    }

    [Fact]
    public async Task Proofs_from_the_store_verify_against_its_roots()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 1000), None);
        var inclusion = new InclusionProofVerifier();
        var consistency = new ConsistencyProofVerifier();
        var hasher = new MerkleHasher();
        byte[] root = await temp.Store.GetLogRootAsync(1000, None);

        foreach (long logIndex in new long[] { 1, 2, 511, 512, 513, 999, 1000 })
        {
            StoredFrame frame = (await temp.Store.GetFrameAsync(logIndex, None))!;
            byte[][] path = [.. await temp.Store.GetInclusionProofAsync(logIndex - 1, 1000, None)];
            Assert.True(inclusion.VerifyInclusion(logIndex - 1, 1000, hasher.HashLeaf(frame.RawMessage), path, root), $"leaf {logIndex - 1}");
        }

        byte[][] fromOld = [.. await temp.Store.GetConsistencyProofAsync(437, 1000, None)];
        Assert.True(consistency.VerifyConsistency(437, 1000, fromOld, await temp.Store.GetLogRootAsync(437, None), root));
    }

    [Fact]
    public async Task A_reopened_store_continues_the_same_log_without_rebuilding_it()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 13), None);
        byte[] before = await temp.Store.GetLogRootAsync(13, None);

        await temp.ReopenAsync();
        Assert.Equal(before, await temp.Store.GetLogRootAsync(13, None));
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 14, 40), None);
        await temp.ReopenAsync();
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 41, 64), None);

        MerkleTree expected = await InMemoryTreeAsync(temp);
        Assert.Equal(64, expected.Size);
        Assert.Equal(expected.GetRoot(), await temp.Store.GetLogRootAsync(64, None));
        Assert.Equal(before, await temp.Store.GetLogRootAsync(13, None));
    }

    [Fact]
    public async Task A_refused_batch_adds_no_leaf_and_the_next_batch_continues_the_log()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 3), None);

        // The frame of an unknown device makes the whole batch fail after two leaves were appended in its transaction.
        await Assert.ThrowsAsync<ArgumentException>(() =>
            temp.Store.StoreFramesAsync([TestFrames.Readings("a", 4), TestFrames.Readings("a", 5), TestFrames.Readings("nobody", 1)], None));
        Assert.Equal(3, await temp.Store.GetLogSizeAsync(None));

        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 4, 9), None);
        MerkleTree expected = await InMemoryTreeAsync(temp);
        Assert.Equal(9, await temp.Store.GetLogSizeAsync(None));
        Assert.Equal(expected.GetRoot(), await temp.Store.GetLogRootAsync(9, None));
    }

    [Fact]
    public async Task A_database_from_before_the_Merkle_log_gets_its_log_at_open()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 25_021), None);
        byte[] root = await temp.Store.GetLogRootAsync(25_021, None);
        await temp.Store.DisposeAsync();
        using (SqliteConnection raw = temp.OpenRawConnection())
        {
            Execute(raw, "DELETE FROM merkle_nodes");
        }

        await temp.ReopenAsync();

        Assert.Equal(25_021, await temp.Store.GetLogSizeAsync(None));
        Assert.Equal(root, await temp.Store.GetLogRootAsync(25_021, None));
    }

    [Fact]
    public async Task A_log_longer_than_the_frame_table_is_refused_at_open_as_damage()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 4), None);
        await temp.Store.DisposeAsync();
        using (SqliteConnection raw = temp.OpenRawConnection())
        {
            Execute(raw, "INSERT INTO merkle_nodes (level, idx, hash) VALUES (0, 4, zeroblob(32))");
        }

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => temp.ReopenAsync());
        Assert.Contains("5 leaves but the frame table only 4 frames", e.Message);
        using (SqliteConnection raw = temp.OpenRawConnection())
        {
            Execute(raw, "DELETE FROM merkle_nodes WHERE level = 0 AND idx = 4");
        }

        await temp.ReopenAsync();
    }

    [Fact]
    public async Task A_missing_node_is_reported_as_damage_not_answered_wrongly()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 8), None);
        using (SqliteConnection raw = temp.OpenRawConnection())
        {
            Execute(raw, "DELETE FROM merkle_nodes WHERE level = 3");
        }

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => temp.Store.GetLogRootAsync(8, None));
        Assert.Contains("lacks node (level 3, index 0)", e.Message);
    }

    [Fact]
    public async Task Sizes_and_indexes_outside_the_log_are_refused_with_the_allowed_range()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 5), None);

        Assert.Contains("between 1 and the log's size (5)",
            (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.GetLogRootAsync(6, None))).Message);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.GetLogRootAsync(0, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.GetInclusionProofAsync(5, 5, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.GetInclusionProofAsync(-1, 5, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.GetConsistencyProofAsync(0, 5, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.GetConsistencyProofAsync(4, 3, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.GetConsistencyProofAsync(2, 6, None));
    }

    [Fact]
    public async Task A_frame_is_found_by_log_index_and_by_device_sequence()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a", "b");
        await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 1), TestFrames.Readings("b", 1), TestFrames.Readings("b", 2, epoch: 1)], None);

        StoredFrame? byIndex = await temp.Store.GetFrameAsync(2, None);
        StoredFrame? bySequence = await temp.Store.FindFrameAsync("b", 1, 2, None);

        Assert.Equal(("b", 1L), (byIndex!.DeviceId, byIndex.Sequence));
        Assert.Equal(3, bySequence!.LogIndex);
        Assert.Equal(TestFrames.Raw("b", 1, 2), bySequence.RawMessage);
        Assert.Null(await temp.Store.GetFrameAsync(4, None));
        Assert.Null(await temp.Store.FindFrameAsync("b", 2, 2, None));
        Assert.Null(await temp.Store.FindFrameAsync("nobody", 1, 1, None));
    }

    internal static async Task<MerkleTree> InMemoryTreeAsync(TempStore temp)
    {
        var tree = new MerkleTree();
        long from = 1;
        while (true)
        {
            IReadOnlyList<StoredFrame> page = await temp.Store.GetFramesInLogOrderAsync(from, 10_000, None);
            if (page.Count == 0)
            {
                return tree;
            }

            foreach (StoredFrame frame in page)
            {
                Assert.Equal(frame.LogIndex - 1, tree.Append(frame.RawMessage));
            }

            from = page[^1].LogIndex + 1;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
