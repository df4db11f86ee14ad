using Millwright.Controller.Proofs.Bundles;
using Millwright.Protocol;
using Millwright.Protocol.Merkle;

namespace Millwright.Controller.Proofs.Verification;

/// <summary>The offline check of a consistency bundle: the old tree is a prefix of the new one (RFC 9162 §2.1.4.2).</summary>
internal static class ConsistencyBundleChecks
{
    public static CheckResult Consistency(ConsistencyProofBundle bundle)
    {
        CheckpointRecord old = bundle.Old;
        CheckpointRecord current = bundle.New;
        try
        {
            new ConsistencyProofVerifier().VerifyConsistencyOrThrow(old.TreeSize, current.TreeSize, [.. bundle.Path], old.Root, current.Root);
        }
        catch (ProtocolException e)
        {
            return CheckResult.Fail(CheckNames.Consistency,
                $"from size {old.TreeSize} to {current.TreeSize}: {e.Message}; a size, root or path hash is not what was logged, or the log was rewritten between the two");
        }

        return CheckResult.Pass(CheckNames.Consistency,
            $"the tree of size {old.TreeSize} (root 0x{Convert.ToHexStringLower(old.Root)}) is a prefix of the tree of size {current.TreeSize} " +
            $"(root 0x{Convert.ToHexStringLower(current.Root)}), {bundle.Path.Count} path hashes (RFC 9162 §2.1.4.2)");
    }
}
