namespace Millwright.Controller.Anchoring.Chain;

/// <summary>
/// The anchor contract's address holds no contract (a local chain lost or reset, a wrong address): the connection
/// must be opened again, which deploys a new contract where the controller deploys its own.
/// </summary>
internal sealed class AnchorContractMissingException : Exception
{
    public AnchorContractMissingException(string contractAddress)
        : base($"there is no anchor contract at {contractAddress} on the chain (a reset or lost chain?)")
    {
        ContractAddress = contractAddress;
    }

    public string ContractAddress { get; }
}
