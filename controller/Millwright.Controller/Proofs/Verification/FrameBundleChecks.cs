using Millwright.Controller.Proofs.Bundles;
using Millwright.Protocol;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Merkle;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Proofs.Verification;

/// <summary>
/// The offline checks of a frame bundle: the frame's bytes read as the protocol says and agree with the bundle's
/// claims; the leaf recomputed from them is in the tree of the bundle's size and root (RFC 9162 §2.1.3.2); and, given
/// the device secret, the frame's MAC.
/// </summary>
internal static class FrameBundleChecks
{
    public static CheckResult Frame(FrameProofBundle bundle)
    {
        SignedFrameContent content;
        try
        {
            content = SignedFrameReader.Read(bundle.SignedFrame);
        }
        catch (ProtocolException e)
        {
            return CheckResult.Fail(CheckNames.Frame, $"the signed frame is not a frame of the Millwright protocol: {e.Message} ({e.Error})");
        }

        if (content.DeviceId != bundle.DeviceId)
        {
            return CheckResult.Fail(CheckNames.Frame, $"the frame is from device '{content.DeviceId}', the bundle claims '{bundle.DeviceId}'");
        }

        if (content.Sequence != (ulong)bundle.Sequence)
        {
            return CheckResult.Fail(CheckNames.Frame, $"the frame has sequence {content.Sequence}, the bundle claims {bundle.Sequence}");
        }

        // The epoch is the controller's count of device replacements; no signed byte carries it (docs/verification.md).
        return CheckResult.Pass(CheckNames.Frame, $"{content.Describe()} (epoch {bundle.Epoch} is the controller's label, not signed)");
    }

    public static CheckResult Inclusion(FrameProofBundle bundle)
    {
        byte[] leaf = new MerkleHasher().HashLeaf(bundle.SignedFrame);
        byte[][] path = [.. bundle.InclusionPath];
        var verifier = new InclusionProofVerifier();
        try
        {
            verifier.VerifyInclusionOrThrow(bundle.LeafIndex, bundle.Checkpoint.TreeSize, leaf, path, bundle.Checkpoint.Root);
        }
        catch (ProtocolException e)
        {
            string reached = ReachedRoot(verifier, bundle, leaf, path) is { } root
                ? $" (it leads to {Hex(root)}, the bundle's root is {Hex(bundle.Checkpoint.Root)})"
                : string.Empty;
            return CheckResult.Fail(CheckNames.Inclusion,
                $"leaf {bundle.LeafIndex} in a tree of {bundle.Checkpoint.TreeSize}: {e.Message}{reached}; the frame, path, leaf index, tree size or root is not what was logged");
        }

        return CheckResult.Pass(CheckNames.Inclusion,
            $"leaf 0x{Convert.ToHexStringLower(leaf)} at index {bundle.LeafIndex} with {path.Length} path hashes leads to root {Hex(bundle.Checkpoint.Root)} of the tree of size {bundle.Checkpoint.TreeSize} (RFC 9162 §2.1.3.2)");
    }

    /// <summary>The frame's MAC under the device-messages key derived from <paramref name="secret"/> (docs/protocol.md §3, §4).</summary>
    public static CheckResult Mac(FrameProofBundle bundle, byte[] secret)
    {
        var keys = new DeviceKeys(secret);
        try
        {
            new MessageVerifier(keys.DeviceMessageKey, keys.KeyId).Verify(bundle.SignedFrame, 0, bundle.SignedFrame.Length);
        }
        catch (ProtocolException e) when (e.Error == ProtocolError.CoseUnknownKeyId)
        {
            string frameKey = TryKeyId(bundle.SignedFrame);
            return CheckResult.Fail(CheckNames.Mac,
                $"the frame's key id {frameKey} is not this secret's key id {Convert.ToHexStringLower(keys.KeyId)}: the secret of another device or another key generation");
        }
        catch (ProtocolException e) when (e.Error == ProtocolError.CoseBadMac)
        {
            return CheckResult.Fail(CheckNames.Mac, "the HMAC-SHA-256 tag does not verify with this secret's device-messages key: the frame was altered or not signed with this secret");
        }
        catch (ProtocolException e)
        {
            return CheckResult.Fail(CheckNames.Mac, $"the frame cannot be checked: {e.Message} ({e.Error})");
        }

        return CheckResult.Pass(CheckNames.Mac, $"the HMAC-SHA-256 tag verifies with the device-messages key of the secret with key id {Convert.ToHexStringLower(keys.KeyId)}");
    }

    // The root a well-formed path leads to, to show beside the claimed one; null when the path cannot even be walked.
    private static byte[]? ReachedRoot(InclusionProofVerifier verifier, FrameProofBundle bundle, byte[] leaf, byte[][] path)
    {
        try
        {
            return verifier.ComputeRoot(bundle.LeafIndex, bundle.Checkpoint.TreeSize, leaf, path);
        }
        catch (ProtocolException)
        {
            return null;
        }
    }

    private static string TryKeyId(byte[] signed)
    {
        try
        {
            return SignedFrameReader.Read(signed).KeyId;
        }
        catch (ProtocolException)
        {
            return "(unreadable)";
        }
    }

    private static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
