using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Millwright.Controller.Anchoring.Contract;

/// <summary>Deploys MillwrightAnchor: constructor(address initialAnchorer); the deployer becomes the owner.</summary>
internal sealed class MillwrightAnchorDeployment : ContractDeploymentMessage
{
    public MillwrightAnchorDeployment()
        : base(AnchorContractArtifacts.CreationBytecode)
    {
    }

    [Parameter("address", "initialAnchorer", 1)]
    public string InitialAnchorer { get; set; } = string.Empty;
}
