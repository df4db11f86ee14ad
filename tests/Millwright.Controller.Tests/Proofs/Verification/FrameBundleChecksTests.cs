using System.Security.Cryptography;
using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Proofs.Verification;
using Millwright.Controller.Tests.Infrastructure;
using Millwright.Protocol.Keys;

namespace Millwright.Controller.Tests.Proofs.Verification;

public sealed class FrameBundleChecksTests
{
    [Fact]
    public async Task A_genuine_bundle_passes_frame_and_inclusion_and_says_what_it_read()
    {
        var fixture = new ProofFixture(5);
        FrameProofBundle bundle = await fixture.BundleAsync(3, allowUnanchored: true);

        CheckResult frame = FrameBundleChecks.Frame(bundle);
        CheckResult inclusion = FrameBundleChecks.Inclusion(bundle);

        Assert.True(frame.Passed, frame.Detail);
        Assert.True(inclusion.Passed, inclusion.Detail);
        Assert.Contains("readings frame with 6 samples of press-01, sequence 2", frame.Detail, StringComparison.Ordinal);
        Assert.Contains($"key id {Convert.ToHexStringLower(fixture.Press.Keys.KeyId)}", frame.Detail, StringComparison.Ordinal);
        Assert.Contains("at index 2 with 3 path hashes", inclusion.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gap_record_is_a_frame_too()
    {
        var fixture = new ProofFixture(4);
        fixture.AddGap(fixture.Press, 9);
        FrameProofBundle bundle = await fixture.BundleAsync(5, allowUnanchored: true);

        CheckResult frame = FrameBundleChecks.Frame(bundle);

        Assert.True(frame.Passed, frame.Detail);
        Assert.StartsWith("gap record of press-01, sequence 9", frame.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claims_that_the_frame_does_not_bear_out_fail_the_frame_check()
    {
        var fixture = new ProofFixture(5);
        FrameProofBundle bundle = await fixture.BundleAsync(3, allowUnanchored: true);

        CheckResult device = FrameBundleChecks.Frame(bundle with { DeviceId = "mill-02" });
        CheckResult sequence = FrameBundleChecks.Frame(bundle with { Sequence = 3 });

        Assert.Equal("FAIL frame: the frame is from device 'press-01', the bundle claims 'mill-02'", device.ToString());
        Assert.Equal("FAIL frame: the frame has sequence 2, the bundle claims 3", sequence.ToString());
    }

    [Fact]
    public async Task Bytes_that_are_not_a_signed_frame_fail_the_frame_check_with_the_protocol_error()
    {
        var fixture = new ProofFixture(2);
        FrameProofBundle bundle = await fixture.BundleAsync(1, allowUnanchored: true);

        CheckResult garbage = FrameBundleChecks.Frame(bundle with { SignedFrame = [0x01, 0x02, 0x03] });
        CheckResult status = FrameBundleChecks.Frame(bundle with { SignedFrame = fixture.Press.Status(true, ProofFixture.Start) });

        Assert.False(garbage.Passed);
        Assert.Contains("is not a frame of the Millwright protocol", garbage.Detail, StringComparison.Ordinal);
        Assert.False(status.Passed);
        Assert.Contains("the payload is a Status message, not a frame or a gap record", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mac_passes_with_the_device_secret_and_fails_with_another()
    {
        var fixture = new ProofFixture(4);
        FrameProofBundle bundle = await fixture.BundleAsync(2, allowUnanchored: true);
        byte[] stranger = RandomNumberGenerator.GetBytes(KeyDerivation.SecretSize);

        CheckResult right = FrameBundleChecks.Mac(bundle, fixture.Mill.Secret);
        CheckResult otherDevice = FrameBundleChecks.Mac(bundle, fixture.Press.Secret);
        CheckResult unknown = FrameBundleChecks.Mac(bundle, stranger);

        Assert.True(right.Passed, right.Detail);
        Assert.False(otherDevice.Passed);
        Assert.False(unknown.Passed);
        Assert.Contains($"the frame's key id {Convert.ToHexStringLower(fixture.Mill.Keys.KeyId)} is not this secret's key id", otherDevice.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forged_tag_under_the_right_key_id_fails_the_mac_check()
    {
        var device = new TestDevice("plant-a", "press-01");
        byte[] forged = device.ForgedFrame(1, ProofFixture.Start);
        var log = new FakeMerkleLog();
        log.Append(device.DeviceId, 1, 1, forged);
        var bundle = new FrameProofBundle(device.DeviceId, 1, 1, 0, forged, [], new CheckpointRecord(1, log.Root(1), null));
        Assert.True(FrameBundleChecks.Inclusion(bundle).Passed);

        CheckResult mac = FrameBundleChecks.Mac(bundle, device.Secret);

        Assert.Equal(
            "FAIL mac: the HMAC-SHA-256 tag does not verify with this secret's device-messages key: the frame was altered or not signed with this secret",
            mac.ToString());
    }
}
