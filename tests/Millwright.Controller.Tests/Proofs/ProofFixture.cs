using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Proofs.Export;
using Millwright.Controller.Storage.Records;
using Millwright.Controller.Tests.Infrastructure;

namespace Millwright.Controller.Tests.Proofs;

/// <summary>
/// A log of real signed frames from two devices (press-01 at odd log indexes, mill-02 at even ones), with the builder
/// over it and an anchoring history the test fills.
/// </summary>
internal sealed class ProofFixture
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ProofFixture(int frames)
    {
        Press = new TestDevice("plant-a", "press-01");
        Mill = new TestDevice("plant-a", "mill-02");
        for (int i = 0; i < frames; i++)
        {
            Add(i % 2 == 0 ? Press : Mill);
        }

        Builder = new ProofBundleBuilder(Log, Anchors);
    }

    public TestDevice Press { get; }

    public TestDevice Mill { get; }

    public FakeMerkleLog Log { get; } = new();

    public FakeAnchorHistory Anchors { get; } = new();

    public ProofBundleBuilder Builder { get; }

    public StoredFrame Add(TestDevice device)
    {
        long sequence = Log.Size / 2 + 1;
        return Log.Append(device.DeviceId, 1, sequence, device.Frame(sequence, Start.AddSeconds(Log.Size)));
    }

    public void AddGap(TestDevice device, long sequence) =>
        Log.Append(device.DeviceId, 1, sequence, device.Gap(sequence, sequence - 3, sequence - 1, Start.AddSeconds(Log.Size)), FrameKind.Gap);

    /// <summary>Marks the log's checkpoint of <paramref name="size"/> anchored in <paramref name="block"/>.</summary>
    public void AnchorAt(long size, long block) => Anchors.Anchor(size, Log.Root(size), block);

    public Task<FrameProofBundle> BundleAsync(long logIndex, bool allowUnanchored = false) =>
        Builder.ForLogIndexAsync(logIndex, allowUnanchored, TestContext.Current.CancellationToken);
}
