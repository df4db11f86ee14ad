namespace Millwright.Controller.Proofs.Verification;

/// <summary>The names verify prints before each result (docs/verification.md explains each).</summary>
internal static class CheckNames
{
    public const string Frame = "frame";
    public const string Inclusion = "inclusion";
    public const string Mac = "mac";
    public const string Consistency = "consistency";
    public const string Anchor = "anchor";
    public const string ChainId = "chain-id";
    public const string OnChainRoot = "on-chain-root";
    public const string Block = "block";
    public const string Confirmations = "confirmations";

    /// <summary>A consistency bundle checks two checkpoints on chain: "old on-chain-root", "new confirmations"…</summary>
    public static string For(string label, string name) => label.Length == 0 ? name : $"{label} {name}";
}
