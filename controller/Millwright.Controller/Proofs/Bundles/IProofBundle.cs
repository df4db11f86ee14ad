namespace Millwright.Controller.Proofs.Bundles;

/// <summary>A proof bundle of either kind; <see cref="ProofBundleJson.Parse"/> returns one.</summary>
internal interface IProofBundle
{
    string Format { get; }

    int Version { get; }
}
