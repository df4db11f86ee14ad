namespace Millwright.Controller.Anchoring.Chain;

/// <summary>
/// The deployed anchor contract of one chain, as recorded in the data directory. Written before the deployment is
/// sent (<see cref="Deployed"/> false, with the signed transaction and the address it will create) and again once
/// mined, so a crash mid-deployment neither loses the contract nor deploys a second one.
/// </summary>
internal sealed record ContractRecord(
    long ChainId, string Address, string Deployer, long Nonce, string TransactionHash, string RawTransaction, bool Deployed, long? BlockNumber);
